using Grpc.Core;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using Xunit;

namespace QuotePlatform.Query.Tests.Bars;

/// <summary>Concurrent GetBars of one range are answered by shared statements: each caller must still get exactly its own bars.</summary>
public sealed class ConcurrentGetBarsTests : QueryServiceTest
{
    private static readonly string[] Symbols = [.. Enumerable.Range(0, 30).Select(i => $"{600000 + i}.SH")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await World.StoreAsync(Symbols.SelectMany(symbol => TestData.Day1m(symbol).Select(bar => new Bar(bar) { Close = bar.Close + int.Parse(symbol[..6], System.Globalization.CultureInfo.InvariantCulture) % 100 })));
    }

    private static GetBarsRequest Request(string symbol, uint pageSize) => new()
    {
        Symbol = symbol,
        Period = Period._1M,
        FromUnixMs = TestData.Day,
        ToUnixMs = TestData.Day + 86_400_000,
        PageSize = pageSize,
    };

    [Fact]
    public async Task GetBars_ManyConcurrentCallersOfOneRange_EachGetsExactlyItsOwnBars()
    {
        var client = Host.CreateClient();

        var answers = await Task.WhenAll(Enumerable.Range(0, 120).Select(async i =>
        {
            var symbol = Symbols[i % Symbols.Length];
            return (symbol, await client.GetBarsAsync(Request(symbol, pageSize: 0)));
        }));

        foreach (var (symbol, response) in answers)
        {
            Assert.Equal(240, response.Bars.Count);
            Assert.All(response.Bars, bar => Assert.Equal(symbol, bar.Symbol));
            Assert.Equal(10.2 + (int.Parse(symbol[..6], System.Globalization.CultureInfo.InvariantCulture) % 100), response.Bars[0].Close, 9);
            Assert.Empty(response.NextPageToken);
        }
    }

    [Fact]
    public async Task GetBars_ConcurrentPagedCallersAndAnUnknownSymbol_PagesAndNotFoundUnaffected()
    {
        var client = Host.CreateClient();

        var pages = Task.WhenAll(Symbols.Select(symbol => client.GetBarsAsync(Request(symbol, pageSize: 100)).ResponseAsync));
        var unknown = RpcAssert.FailsAsync(StatusCode.NotFound, () => client.GetBarsAsync(Request("688999.SH", pageSize: 100)).ResponseAsync, "688999.SH");
        await unknown;

        Assert.All(await pages, response =>
        {
            Assert.Equal(100, response.Bars.Count);
            Assert.NotEmpty(response.NextPageToken);
        });
    }

    [Fact]
    public async Task GetBars_CallersCancelWhileOthersWait_TheOthersStillGetTheirBars()
    {
        var client = Host.CreateClient();
        using var cancelled = new CancellationTokenSource();

        var doomed = Symbols.Take(10).Select(symbol => client.GetBarsAsync(Request(symbol, 0), cancellationToken: cancelled.Token).ResponseAsync).ToList();
        var kept = Symbols.Skip(10).Select(symbol => client.GetBarsAsync(Request(symbol, 0)).ResponseAsync).ToList();
        await cancelled.CancelAsync();

        Assert.All(await Task.WhenAll(kept), response => Assert.Equal(240, response.Bars.Count));
        foreach (var call in doomed)
        {
            try
            {
                Assert.Equal(240, (await call).Bars.Count);
            }
            catch (RpcException ex)
            {
                // Usually CANCELLED; over the in-memory test server an answer already on its way when
                // the client cancelled sometimes arrives as UNKNOWN (seen in CI, cause not found yet).
                Assert.True(ex.StatusCode is StatusCode.Cancelled or StatusCode.Unknown, ex.ToString());
            }
        }
    }
}
