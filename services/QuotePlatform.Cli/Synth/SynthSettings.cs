using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Synth;

/// <summary>What `quote synth` makes: which periods, which auction layout, how long bars wait for late ticks.</summary>
internal sealed record SynthSettings(IReadOnlyList<BarPeriod> Periods, AuctionBar AuctionBar, TimeSpan Grace)
{
    public static SynthSettings Default { get; } = new(BarPeriods.All, AuctionBar.Merged, TimeSpan.FromSeconds(10));
}
