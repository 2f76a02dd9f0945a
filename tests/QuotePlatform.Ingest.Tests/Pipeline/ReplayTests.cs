using System.Text.RegularExpressions;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Ingest.Tests.Support;
using QuotePlatform.Streams.Retention;

namespace QuotePlatform.Ingest.Tests.Pipeline;

/// <summary>The ingest process replaying a recorded day to a relay process on the real Redis.</summary>
public sealed class ReplayTests : IAsyncLifetime
{
    private RecordedDay _day = null!;
    private Relay _relay = null!;

    private string Spool => Path.Combine(_day.Directory, "spool");

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
    public async Task Replay_RecordedDay_EveryFinalBarInRedisOnceWithTheOfflineValuesAndExit0()
    {
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);

        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.True(exit == 0, $"exit {exit}\n{ingest.Output}\n{_relay.Output}");
        var stored = (await _relay.FinalBarsAsync()).Select(RecordedDay.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal((RecordedDay.Symbols - 1) * 317, _day.ExpectedFinalBars.Count);
        Assert.Equal(_day.ExpectedFinalBars, stored);
        Assert.Equal(RecordedDay.Symbols, (await _relay.LatestQuoteValuesAsync()).Count);
        Assert.Contains("success 100.00% | rejections: none", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("integrity: 0 symbols with missing minutes", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("spool 0 batches 0 bytes", ingest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_FullSpeed_LatestValuesCoalescedYetTheLastQuoteOfEverySymbolStored()
    {
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);

        Assert.True(await ingest.WaitForExitAsync(IngestProcess.ExitTimeout) == 0, ingest.Output);

        var quotes = await _relay.LatestQuoteValuesAsync();
        Assert.Equal(_day.LastQuoteTimes.OrderBy(q => q.Key, StringComparer.Ordinal), quotes.Select(q => KeyValuePair.Create(q.Key, q.Value.TimeUnixMs)).OrderBy(q => q.Key, StringComparer.Ordinal));
        // Sent each push, forming bars would outnumber the final bars about twelve times over; a
        // replay this short may send none (its last update is after the close: all bars final).
        var forming = await _relay.FormingBarCountAsync();
        Assert.InRange(forming, 0, _day.ExpectedFinalBars.Count / 4);
        Assert.Contains($"+ {forming} forming", ingest.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_RecordedDay_LatestQuotesCarryWhenTheIngestReceivedTheirPush()
    {
        var before = DateTimeOffset.FromUnixTimeMilliseconds(TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds());
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);

        Assert.True(await ingest.WaitForExitAsync(IngestProcess.ExitTimeout) == 0, ingest.Output);

        var after = TimeProvider.System.GetUtcNow();
        var quotes = (await _relay.LatestQuoteValuesAsync()).Values;
        Assert.Equal(RecordedDay.Symbols, quotes.Count);
        Assert.All(quotes, quote => Assert.InRange(DateTimeOffset.FromUnixTimeMilliseconds(quote.ReceivedUnixMs), before, after));
    }

    [Fact]
    public async Task Replay_SameFileAgainAfterCompletion_NothingSentTwice()
    {
        await using (var first = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool))
        {
            Assert.Equal(0, await first.WaitForExitAsync(IngestProcess.ExitTimeout));
        }

        await using var second = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);

        Assert.True(await second.WaitForExitAsync(IngestProcess.ExitTimeout) == 0, second.Output);
        Assert.Contains("bars published 0 final + 0 forming", second.Output, StringComparison.Ordinal);
        Assert.Equal(_day.ExpectedFinalBars.Count, await _relay.FinalBarCountAsync());
    }

    [Fact]
    public async Task Replay_WrongApiKey_ExitCode1NamingTheKeySettingAndNothingWritten()
    {
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, "not-the-relays-key-0000", Spool);

        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.Equal(1, exit);
        Assert.Contains("refused this producer (Unauthenticated", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("check Ingest:Relay:ApiKey", ingest.Output, StringComparison.Ordinal);
        Assert.Equal(0, await _relay.FinalBarCountAsync());
    }

    [Theory]
    [InlineData("", "ticks.jsonl", "Ingest:Source")]
    [InlineData("Replay", "absent.jsonl", "Ingest:Replay:Path: no such file")]
    [InlineData("Qmt", "ticks.jsonl", "Ingest:Qmt:PythonDll")]
    public async Task Start_BadConfiguration_FailsNamingTheKey(string source, string file, string expected)
    {
        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool, extra: new Dictionary<string, string>
        {
            ["Ingest__Source"] = source,
            ["Ingest__Replay__Path"] = Path.Combine(_day.Directory, file),
        });

        var exit = await ingest.WaitForExitAsync(IngestProcess.ExitTimeout);

        Assert.NotEqual(0, exit);
        Assert.Contains(expected, ingest.Output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Against a relay that knows the store's default retention (as a storage writer publishes it),
    /// every minute bar of 2025-06-06 older than its retention is refused before the relay
    /// acknowledges it, and the final report counts the refusals per period.
    /// </summary>
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

        await using var ingest = await IngestProcess.StartReplayAsync(_day, _relay.Address, _relay.ApiKey, Spool);
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
