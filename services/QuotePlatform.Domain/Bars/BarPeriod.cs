namespace QuotePlatform.Domain.Bars;

/// <summary>Bar length; values mirror quoteplatform.marketdata.v1.Period so services can cast.</summary>
public enum BarPeriod
{
    Unspecified = 0,
    OneMinute = 1,
    FiveMinutes = 2,
    FifteenMinutes = 3,
    ThirtyMinutes = 4,
    SixtyMinutes = 5,
    OneDay = 6,
}
