using System.Text.RegularExpressions;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Streams.Retention;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>
/// The 2025-06-06 replay against a relay that knows the store's default retention (as published by
/// a storage writer): every minute bar older than its retention is refused before the relay
/// acknowledges it, and the ingest's final report counts the refusals per period.
/// </summary>
public sealed class RetentionReportTests : IAsyncLifetime
{
    private RecordedDay _day = null!;
    private Relay _relay = null!;

    public async Task InitializeAsync()
    {
        _day = await RecordedDay.CreateAsync();
        _relay = await Relay.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _relay.DisposeAsync();
        _day.Dispose();
    }

    [Fact]
    public async Task Replay_DayBeyondMinuteRetention_EveryRefusedBarInTheFinalReportAndOnlyKeptOnesInRedis()
    {
        await new RetentionRegistry(_relay.Redis, _relay.Keys).PublishAsync(new RetentionLimits([
            (BarPeriod.OneMinute, 30, "Storage:OneMinuteRetention"),
            (BarPeriod.FiveMinutes, 180, "Storage:FiveMinutesRetention"),
            (BarPeriod.FifteenMinutes, 365, "Storage:FifteenMinutesRetention"),
            (BarPeriod.ThirtyMinutes, 3650, "Storage:ThirtyMinutesRetention"),
            (BarPeriod.SixtyMinutes, 3650, "Storage:SixtyMinutesRetention"),
            (BarPeriod.OneDay, 7305, "Storage:OneDayRetention")]));
        // A relay reads the published retention as it starts (and every few seconds after).
        await _relay.KillAsync();
        await _relay.RestartAsync();

        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Path.Combine(_day.Directory, "spool"));
        Assert.True(await ingest.WaitForExitAsync(IngestProcess.ExitTimeout) == 0, ingest.Output);

        var expected = _day.ExpectedFinalBars.GroupBy(key => key.Split(' ')[1]).ToDictionary(g => g.Key, g => g.Count());
        var report = Regex.Matches(ingest.Output, @"rejections: ([^|]*)\|").Last().Groups[1].Value;
        Assert.Contains($"beyond_retention_1m {expected["_1M"]}", report, StringComparison.Ordinal);
        Assert.Contains($"beyond_retention_5m {expected["_5M"]}", report, StringComparison.Ordinal);
        Assert.Contains($"beyond_retention_15m {expected["_15M"]}", report, StringComparison.Ordinal);
        Assert.DoesNotContain("beyond_retention_30m", report, StringComparison.Ordinal);
        var stored = (await _relay.FinalBarsAsync()).GroupBy(b => (int)b.Period).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([4, 5, 6], stored.Keys.Order());
        Assert.Equal(expected["_30M"] + expected["_60M"] + expected["_1D"], stored.Values.Sum());
    }
}
