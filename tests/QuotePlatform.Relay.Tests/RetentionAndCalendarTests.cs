using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams.Calendar;
using QuotePlatform.Streams.Retention;
using QuotePlatform.Testing;
using StackExchange.Redis;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class RetentionAndCalendarTests
{
    [Fact]
    public async Task Publish_FinalBarsBeyondPublishedRetention_RefusedWithSettingBeforeAck()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var registry = new RetentionRegistry(SharedRedis.Connection, relay.Keys);
        await registry.PublishAsync(new RetentionLimits([
            (BarPeriod.OneMinute, 30, "Storage:OneMinuteRetention"), (BarPeriod.OneDay, 7305, "Storage:OneDayRetention")]));
        await relay.Services.GetRequiredService<RetentionWatcher>().RefreshAsync();
        // TestBars are of 2025-01-06: a 1m bar that old is beyond 30 days, a daily bar is not.
        var request = TestBars.Batch(1, 3);
        request.Bars[1].Period = Period._1D;
        request.Bars[1].FrameUnixMs = new DateTimeOffset(2025, 1, 6, 0, 0, 0, TimeSpan.FromHours(8)).ToUnixTimeMilliseconds();
        request.Bars[2].Final = false; // forming bars are not stored, so not refused for their age

        var response = await relay.PublishAsync(request);

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(2U, response.AcceptedBars);
        var refused = Assert.Single(response.Rejections);
        Assert.Equal((0U, RetentionLimits.BeyondRetention, Period._1M), (refused.Index, refused.Reason, refused.Period));
        Assert.Contains("Storage:OneMinuteRetention", refused.Detail, StringComparison.Ordinal);
        Assert.Contains("30-day", refused.Detail, StringComparison.Ordinal);
        var landed = await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys);
        Assert.Equal(Period._1D, Assert.Single(landed).Bar.Period);
    }

    [Fact]
    public async Task Publish_NoRetentionPublished_OldBarsPassToTheWriter()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var response = await relay.PublishAsync(TestBars.Batch(1, 3));

        Assert.Equal(3U, response.AcceptedBars);
        Assert.Empty(response.Rejections);
    }

    [Fact]
    public async Task Publish_Calendars_GoodOneStreamedBadOneRejected()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var good = new TradingCalendar { Market = "SH", FirstDate = "2025-06-01", LastDate = "2025-06-06" };
        good.TradingDates.AddRange(["2025-06-03", "2025-06-04", "2025-06-05", "2025-06-06"]);
        var outside = new TradingCalendar { Market = "SZ", FirstDate = "2025-06-01", LastDate = "2025-06-06" };
        outside.TradingDates.Add("2025-06-09");
        var request = new PublishRequest { Sequence = 1, Calendars = { good, outside } };

        var response = await relay.PublishAsync(request);

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(1U, response.AcceptedCalendars);
        var refused = Assert.Single(response.Rejections);
        Assert.Equal((Rejection.Types.ItemKind.Calendar, 1U, "bad_calendar"), (refused.Kind, refused.Index, refused.Reason));
        Assert.Contains("2025-06-09", refused.Detail, StringComparison.Ordinal);
        var entries = await SharedRedis.Database.StreamRangeAsync(relay.Keys.Calendars);
        Assert.Equal(good, CalendarStreamEntry.Parse(Assert.Single(entries)));
    }
}
