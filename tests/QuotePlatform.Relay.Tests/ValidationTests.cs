using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Relay.Tests.Infrastructure;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Relay.Tests;

public sealed class ValidationTests
{
    [Fact]
    public async Task Publish_InvalidBarsAmongValid_RejectedWithReasonsWhileNeighboursLand()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());
        var request = TestBars.Batch(1, 10);
        request.Bars[1].Symbol = "600001.XX";
        request.Bars[3].High = 9.0;
        request.Bars[5].Close = double.NaN;
        request.Bars[7].FrameUnixMs += 30_000;
        request.Bars[8].Period = Period.Unspecified;
        request.Bars[9].Low = 0;
        request.Quotes.Add(new Quote { Symbol = "bad", TimeUnixMs = 1, LastPrice = 1 });
        request.Quotes.Add(new Quote { Symbol = TestBars.Symbol(0), TimeUnixMs = 1, LastPrice = 1 });

        var response = await relay.PublishAsync(request);

        Assert.Equal(BatchStatus.Written, response.Status);
        Assert.Equal(4U, response.AcceptedBars);
        Assert.Equal(1U, response.AcceptedQuotes);
        Assert.Equal(
            [
                (Rejection.Types.ItemKind.Bar, 1U, "bad_symbol"),
                (Rejection.Types.ItemKind.Bar, 3U, "high_below_low"),
                (Rejection.Types.ItemKind.Bar, 5U, "non_finite_price"),
                (Rejection.Types.ItemKind.Bar, 7U, "frame_not_on_boundary"),
                (Rejection.Types.ItemKind.Bar, 8U, "unknown_period"),
                (Rejection.Types.ItemKind.Bar, 9U, "low_not_positive"),
                (Rejection.Types.ItemKind.Quote, 0U, "bad_symbol"),
            ],
            response.Rejections.Select(r => (r.Kind, r.Index, r.Reason)));
        Assert.All(response.Rejections, r => Assert.False(string.IsNullOrWhiteSpace(r.Detail)));
        Assert.Equal("600001.XX", response.Rejections[0].Symbol);
        var landed = (await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys)).Select(b => b.Bar.Symbol).Order(StringComparer.Ordinal);
        Assert.Equal([TestBars.Symbol(0), TestBars.Symbol(2), TestBars.Symbol(4), TestBars.Symbol(6)], landed);
    }

    [Fact]
    public async Task Publish_SequenceZero_FailedWithReasonAndNothingWritten()
    {
        await using var relay = new RelayHost(TestServers.Redis, RelayHost.NewPrefix());

        var response = await relay.PublishAsync(TestBars.Batch(0, 3));

        Assert.Equal(BatchStatus.Failed, response.Status);
        Assert.Contains("sequence", response.Error, StringComparison.Ordinal);
        Assert.Empty(await StreamContents.FinalBarsAsync(SharedRedis.Database, relay.Keys));
    }
}
