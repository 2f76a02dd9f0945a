using QuotePlatform.Cli.Commands;
using QuotePlatform.Contracts.Admin.V1;
using Xunit;

namespace QuotePlatform.Cli.Tests.Admin;

public sealed class StatsFeedLineTests
{
    private const long Now = 1_749_180_000_000;

    [Fact]
    public void FeedLine_AfterFailover_NamesHolderStandbyEpochsAndHowLongItTook()
    {
        var feed = new FeedLease
        {
            Feed = "cn-a",
            Holder = "terminal-b",
            HolderEpoch = 2,
            HolderSeenUnixMs = Now - 1_000,
            Standby = "terminal-a",
            StandbyEpoch = 1,
            StandbySeenUnixMs = Now - 40_000,
            LastFailoverUnixMs = Now - 30_000,
            LastFailoverFrom = "terminal-a",
            LastFailoverTo = "terminal-b",
            LastFailoverDurationMs = 3_400,
            Failovers = 1,
        };

        var line = StatsCommand.FeedLine(feed, Now);

        Assert.StartsWith("feed cn-a: holder terminal-b (epoch 2, renewed ", line, StringComparison.Ordinal);
        Assert.Contains("; standby terminal-a (epoch 1, seen ", line, StringComparison.Ordinal);
        Assert.EndsWith(": terminal-a → terminal-b in 3.4 s (1 in all)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void FeedLine_NobodyHolds_SaysSo()
    {
        var line = StatsCommand.FeedLine(new FeedLease { Feed = "cn-a" }, Now);

        Assert.Equal("feed cn-a: holder nobody; standby none; no failover", line);
    }
}
