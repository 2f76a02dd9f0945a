using System.CommandLine;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Commands;

/// <summary>--period as users write it (1m ... 1d).</summary>
internal static class PeriodOption
{
    public static Option<string> Create(string defaultValue = "1m")
    {
        var option = new Option<string>("--period") { Description = "Bar period: 1m, 5m, 15m, 30m, 60m or 1d", DefaultValueFactory = _ => defaultValue };
        option.AcceptOnlyFromAmong([.. BarPeriods.All.Select(p => p.ToLabel())]);
        return option;
    }

    public static Contracts.MarketData.V1.Period ToContract(string? label) =>
        BarPeriods.TryParse(label, out var period) ? (Contracts.MarketData.V1.Period)(int)period : Contracts.MarketData.V1.Period.Unspecified;
}
