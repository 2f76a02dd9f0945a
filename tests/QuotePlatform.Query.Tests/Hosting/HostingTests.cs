using System.Net;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Grpc.Reflection.V1Alpha;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Hosting;

public sealed class HostingTests : QueryServiceTest
{
    [Fact]
    public async Task GrpcWeb_GetQuotesAndGetBars_AnswerAsOverGrpc()
    {
        await World.PutQuotesAsync(TestData.Quote("000001.SZ", 11.23));
        await World.StoreAsync(TestData.Day1m("000001.SZ"));
        var web = Host.CreateClient(grpcWeb: true);

        var quotes = await web.GetQuotesAsync(new GetQuotesRequest());
        var bars = await web.GetBarsAsync(new GetBarsRequest
        {
            Symbol = "000001.SZ",
            Period = Contracts.MarketData.V1.Period._1M,
            FromUnixMs = TestData.Day,
            ToUnixMs = TestData.Day + 86_400_000,
        });

        Assert.Equal(11.23, Assert.Single(quotes.Quotes).LastPrice);
        Assert.Equal(240, bars.Bars.Count);
        await RpcAssert.FailsAsync(StatusCode.NotFound, () => web.GetQuotesAsync(new GetQuotesRequest { Symbols = { "600999.SH" } }).ResponseAsync, "600999.SH");
    }

    [Fact]
    public async Task BrowserPreflight_FromAnotherOrigin_AllowedWithGrpcStatusHeadersExposed()
    {
        using var http = Host.CreateDefaultClient();
        using var request = new HttpRequestMessage(HttpMethod.Options, "/quoteplatform.query.v1.QueryService/GetQuotes");
        request.Headers.Add("Origin", "http://localhost:5173");
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent");

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task Reflection_ListsTheQueryServiceAndHealth()
    {
        var reflection = new ServerReflection.ServerReflectionClient(GrpcChannel.ForAddress(Host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Host.Server.CreateHandler() }));
        using var call = reflection.ServerReflectionInfo();
        await call.RequestStream.WriteAsync(new ServerReflectionRequest { ListServices = "" });
        await call.RequestStream.CompleteAsync();
        Assert.True(await call.ResponseStream.MoveNext());

        var services = call.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name).ToList();

        Assert.Contains("quoteplatform.query.v1.QueryService", services);
        Assert.Contains("grpc.health.v1.Health", services);
    }

    [Fact]
    public async Task Page_Root_ServesTheStaticIndex()
    {
        using var http = Host.CreateDefaultClient();

        var html = await http.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Quote Platform", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClickHouseDown_GetBars_UnavailableNamingClickHouse()
    {
        await using var down = new QueryHost(World, new Dictionary<string, string> { ["ConnectionStrings:clickhouse"] = $"http://127.0.0.1:{LoopbackPort.Free()}" });

        await RpcAssert.FailsAsync(
            StatusCode.Unavailable,
            () => down.CreateClient().GetBarsAsync(new GetBarsRequest { Symbol = "600000.SH", Period = Contracts.MarketData.V1.Period._1D }).ResponseAsync,
            "ClickHouse");
    }

    [Fact]
    public async Task BarsTableMissing_GetBars_UnavailableSayingHowToCreateIt()
    {
        await using var empty = await QueryWorld.CreateAsync(migrate: false);
        await using var host = new QueryHost(empty);

        await RpcAssert.FailsAsync(
            StatusCode.Unavailable,
            () => host.CreateClient().GetBarsAsync(new GetBarsRequest { Symbol = "600000.SH", Period = Contracts.MarketData.V1.Period._1D }).ResponseAsync,
            "quote migrate");
    }

    [Fact]
    public async Task Health_GrpcHealthCheck_Serving()
    {
        var health = new Health.HealthClient(GrpcChannel.ForAddress(Host.Server.BaseAddress, new GrpcChannelOptions { HttpHandler = Host.Server.CreateHandler() }));

        var response = await health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }
}
