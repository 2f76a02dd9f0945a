namespace QuotePlatform.Domain.Bars;

/// <summary>Names and lengths of <see cref="BarPeriod"/> values as users write them ("1m" … "1d").</summary>
public static class BarPeriods
{
    /// <summary>Every real period, shortest first.</summary>
    public static IReadOnlyList<BarPeriod> All { get; } =
    [
        BarPeriod.OneMinute, BarPeriod.FiveMinutes, BarPeriod.FifteenMinutes,
        BarPeriod.ThirtyMinutes, BarPeriod.SixtyMinutes, BarPeriod.OneDay,
    ];

    public static string ToLabel(this BarPeriod period) => period switch
    {
        BarPeriod.OneMinute => "1m",
        BarPeriod.FiveMinutes => "5m",
        BarPeriod.FifteenMinutes => "15m",
        BarPeriod.ThirtyMinutes => "30m",
        BarPeriod.SixtyMinutes => "60m",
        BarPeriod.OneDay => "1d",
        _ => throw new ArgumentOutOfRangeException(nameof(period), period, "not a bar period"),
    };

    public static bool TryParse(string? label, out BarPeriod period)
    {
        period = label switch
        {
            "1m" => BarPeriod.OneMinute,
            "5m" => BarPeriod.FiveMinutes,
            "15m" => BarPeriod.FifteenMinutes,
            "30m" => BarPeriod.ThirtyMinutes,
            "60m" => BarPeriod.SixtyMinutes,
            "1d" => BarPeriod.OneDay,
            _ => BarPeriod.Unspecified,
        };
        return period != BarPeriod.Unspecified;
    }

    /// <summary>Trading minutes in one bar of an intraday period; 0 for the day and unknown values.</summary>
    public static int Minutes(this BarPeriod period) => period switch
    {
        BarPeriod.OneMinute => 1,
        BarPeriod.FiveMinutes => 5,
        BarPeriod.FifteenMinutes => 15,
        BarPeriod.ThirtyMinutes => 30,
        BarPeriod.SixtyMinutes => 60,
        _ => 0,
    };
}
