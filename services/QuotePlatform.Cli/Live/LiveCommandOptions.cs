using System.CommandLine;
using QuotePlatform.Cli.Commands;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Live;

/// <summary>Options the live commands share, and the Subscription they describe.</summary>
internal static class LiveCommandOptions
{
    public static Option<string> Periods(string defaultValue)
    {
        var option = new Option<string>("--periods") { Description = "Comma-separated periods of final bars: 1m,5m,15m,30m,60m,1d", DefaultValueFactory = _ => defaultValue };
        option.Validators.Add(result =>
        {
            if (BarOptions.ParsePeriods(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--periods must be a comma-separated list of 1m, 5m, 15m, 30m, 60m, 1d");
            }
        });
        return option;
    }

    public static Option<long> Count() => new("--count")
    {
        Description = "Stop after this many final bars (default 0: until Ctrl-C)",
        DefaultValueFactory = _ => 0,
        Validators = { result => { if (result.GetValueOrDefault<long>() < 0) { result.AddError("--count must be 0 or more"); } } },
    };

    public static void AddPeriods(Subscription subscription, string? periods)
    {
        foreach (var period in BarOptions.ParsePeriods(periods)!)
        {
            subscription.Periods.Add((Contracts.MarketData.V1.Period)(int)period);
        }
    }

    public static IEnumerable<string> Symbols(IEnumerable<string> values) =>
        values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).Select(s => s.ToUpperInvariant()).Distinct(StringComparer.Ordinal);
}
