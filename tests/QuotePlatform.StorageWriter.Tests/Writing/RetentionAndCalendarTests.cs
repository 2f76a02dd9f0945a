using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams.Retention;
using QuotePlatform.StorageWriter.Tests.Support;
using QuotePlatform.Streams.Calendar;
using StackExchange.Redis;
using QuotePlatform.Testing;

namespace QuotePlatform.StorageWriter.Tests.Writing;

public sealed class RetentionAndCalendarTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    /// <summary>2025-06-06 (a Friday): far beyond 1m retention, well inside 1d retention.</summary>
    private static readonly long Day20250606 = new DateTimeOffset(2025, 6, 6, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();

    [Fact]
    public async Task Write_BarsBeyondRetention_RefusedCountedByPeriodAndAckedWhileOthersStored()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var oldMinute = TestBars.Create(0, 0);
        oldMinute.FrameUnixMs = Day20250606 + ((9 * 60) + 31) * 60_000L;
        var oldDay = TestBars.Create(0, 0);
        oldDay.Period = Period._1D;
        oldDay.FrameUnixMs = Day20250606;
        var recent = TestBars.Create(1, 0);
        await context.PublishAsync([oldMinute, oldDay, recent]);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() == 0 && await context.CountVisibleAsync() == 2,
            Timeout, "the kept bars stored and every entry acked");

        Assert.Equal(1, writer.Metrics.QualityErrors);
        Assert.Equal(1, writer.Metrics.RejectedByReason["beyond_retention_1m"]);
        Assert.Equal(1, await context.ScalarAsync($"SELECT count() FROM {TableNames.Bars} FINAL WHERE period = {(int)BarPeriod.OneDay}"));
        var published = await context.Redis.HashGetAsync(context.Keys.Retention, (int)BarPeriod.OneMinute);
        Assert.Equal("30|Storage:OneMinuteRetention", (string?)published);
    }

    [Fact]
    public async Task Write_RetentionSetting_PublishedForTheRelays()
    {
        await using var context = await WriterTestContext.CreateAsync();

        await using var writer = context.StartWriter("writer-a", new Dictionary<string, string?> { ["Storage:FiveMinutesRetention"] = "400.00:00:00" });
        await Poll.UntilAsync(async () => await context.Redis.KeyExistsAsync(context.Keys.Retention), Timeout, "retention published");

        var entries = (await context.Redis.HashGetAllAsync(context.Keys.Retention)).ToDictionary(e => (string)e.Name!, e => (string?)e.Value);
        Assert.Equal(7, entries.Count);
        Assert.Equal("400|Storage:FiveMinutesRetention", entries[$"{(int)BarPeriod.FiveMinutes}"]);
        Assert.Equal("7305|Storage:OneDayRetention", entries[$"{(int)BarPeriod.OneDay}"]);
        Assert.Equal("30|Storage:TickRetention", entries[RetentionRegistry.TicksField]);
    }

    [Fact]
    public async Task Write_ImportedBarAfterLiveOne_LiveWinsUnlessImportReplaces()
    {
        await using var context = await WriterTestContext.CreateAsync();
        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() >= 0, Timeout, "the schema and groups prepared");
        var live = TestBars.Create(0, 0);
        live.QualityFlags = 0;
        await context.PublishAsync([live]);
        await Poll.UntilAsync(async () => await context.CountVisibleAsync() == 1, Timeout, "the live bar stored");

        var imported = live.Clone();
        imported.Close = live.Low;
        imported.QualityFlags = (uint)Domain.Bars.BarQuality.Imported;
        await context.PublishAsync([imported]);
        await Poll.UntilAsync(async () => await context.CountStoredRowsAsync() >= 2 && await context.PendingAsync() == 0,
            Timeout, "the imported bar stored");
        Assert.Equal(live.Close, await CloseAsync(context, live));

        var replacing = live.Clone();
        replacing.Close = live.High;
        replacing.QualityFlags = (uint)(Domain.Bars.BarQuality.Imported | Domain.Bars.BarQuality.ImportReplaces);
        await context.PublishAsync([replacing]);
        await Poll.UntilAsync(async () => await context.CountStoredRowsAsync() >= 3 && await context.PendingAsync() == 0,
            Timeout, "the replacing import stored");
        Assert.Equal(live.High, await CloseAsync(context, live));
    }

    [Fact]
    public async Task Write_CalendarEntries_StoredPerDateAndAcked()
    {
        await using var context = await WriterTestContext.CreateAsync();
        var calendar = new TradingCalendar { Market = "SH", FirstDate = "2025-05-29", LastDate = "2025-06-04" };
        calendar.TradingDates.AddRange(["2025-05-29", "2025-05-30", "2025-06-03", "2025-06-04"]);
        await context.Redis.StreamAddAsync(context.Keys.Calendars, CalendarStreamEntry.ToFields(calendar, "test-producer"));
        await context.Redis.StreamAddAsync(context.Keys.Calendars, [new NameValueEntry("calendar", "not a protobuf \u0001\u0002")]);

        await using var writer = context.StartWriter("writer-a");
        await Poll.UntilAsync(async () => await context.PendingAsync() >= 0, Timeout, "the schema and groups prepared");
        await Poll.UntilAsync(
            async () => await context.ScalarAsync($"SELECT count() FROM {TableNames.TradingCalendar} FINAL") == 7
                && (await context.Redis.StreamPendingAsync(context.Keys.Calendars, WriterTestContext.Group)).PendingMessageCount == 0
                && await context.ScalarAsync($"SELECT count() FROM {TableNames.DeadLetters}") == 1,
            Timeout, "the calendar stored, the bad entry dead-lettered, both acked");

        var days = new Storage.Calendar.TradingCalendarStore(context.ClickHouse);
        var stored = await days.ReadAsync("SH", new DateOnly(2025, 5, 28), new DateOnly(2025, 6, 5), CancellationToken.None);
        Assert.Equal(7, stored.Count);
        Assert.False(stored[new DateOnly(2025, 6, 2)]); // Dragon Boat Festival, a Monday
        Assert.False(stored[new DateOnly(2025, 5, 31)]);
        Assert.True(stored[new DateOnly(2025, 6, 3)]);
        Assert.False(stored.ContainsKey(new DateOnly(2025, 5, 28)));
    }

    private static async Task<double> CloseAsync(WriterTestContext context, Contracts.MarketData.V1.Bar bar)
    {
        var stored = await new BarReader(context.ClickHouse).ReadAsync(bar.Symbol, BarPeriod.OneMinute, bar.FrameUnixMs, bar.FrameUnixMs + 1, CancellationToken.None);
        return Assert.Single(stored).Close;
    }
}
