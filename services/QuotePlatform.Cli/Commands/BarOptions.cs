using System.CommandLine;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Commands;

/// <summary>The bar engine's options, shared by the commands that run it (synth).</summary>
internal static class BarOptions
{
    public static Option<string> Periods(string description)
    {
        var periods = new Option<string>("--periods") { Description = description, DefaultValueFactory = _ => "1m,5m,15m,30m,60m,1d" };
        periods.Validators.Add(result =>
        {
            if (ParsePeriods(result.GetValueOrDefault<string>()) is null)
            {
                result.AddError("--periods must be a comma-separated list of 1m, 5m, 15m, 30m, 60m, 1d");
            }
        });
        return periods;
    }

    public static Option<string> AuctionBar()
    {
        var auctionBar = new Option<string>("--auction-bar")
        {
            Description = "merged: the 09:25 auction joins 09:31 (240 bars); separate: QMT's own 09:30 bar (241)",
            DefaultValueFactory = _ => "merged",
        };
        auctionBar.AcceptOnlyFromAmong("merged", "separate");
        return auctionBar;
    }

    public static Option<int> GraceSeconds()
    {
        var grace = new Option<int>("--grace-seconds")
        {
            Description = "How long after a bar's end (in tick time) it waits for late ticks",
            DefaultValueFactory = _ => 10,
        };
        grace.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 0)
            {
                result.AddError("--grace-seconds must be 0 or more");
            }
        });
        return grace;
    }

    public static AuctionBar ToAuctionBar(string? value) => value == "separate" ? Domain.Sessions.AuctionBar.Separate : Domain.Sessions.AuctionBar.Merged;

    /// <summary>The distinct periods listed, or null when the list is empty or names an unknown one.</summary>
    public static List<BarPeriod>? ParsePeriods(string? text)
    {
        var result = new List<BarPeriod>();
        foreach (var label in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!BarPeriods.TryParse(label, out var period))
            {
                return null;
            }

            if (!result.Contains(period))
            {
                result.Add(period);
            }
        }

        return result.Count > 0 ? result : null;
    }
}
