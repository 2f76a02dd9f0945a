using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using QuotePlatform.Configuration.Tls;
using QuotePlatform.Contracts.Query.V1;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

public sealed class ServiceProcessTests(RunningQueryService query) : IClassFixture<RunningQueryService>
{
    [Fact]
    public async Task GrpcPort_H2cClient_GetsQuotes()
    {
        using var channel = GrpcChannel.ForAddress(query.Service.Endpoints["Grpc"]);

        var response = await new QueryService.QueryServiceClient(channel).GetQuotesAsync(new GetQuotesRequest(), RunningQueryService.ReadKeyHeaders);

        Assert.Equal(11.23, Assert.Single(response.Quotes).LastPrice);
    }

    [Fact]
    public async Task WebPort_GrpcWebOverHttp11AndThePage_BothAnswer()
    {
        using var channel = GrpcChannel.ForAddress(query.Service.Endpoints["Web"], new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWebText, new HttpClientHandler()),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        using var http = new HttpClient { BaseAddress = query.Service.Endpoints["Web"] };

        var response = await new QueryService.QueryServiceClient(channel).GetQuotesAsync(new GetQuotesRequest { Symbols = { "600000.SH" } }, RunningQueryService.ReadKeyHeaders);
        var page = await http.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(8.01, Assert.Single(response.Quotes).LastPrice);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal(new Version(1, 1), page.Version);
    }

    [Fact]
    public async Task TlsPort_GrpcAndGrpcWebOnOnePortCheckedAgainstTheCa_BothAnswer()
    {
        var trust = new CertificateTrust(query.CaFile);
        using var grpc = GrpcChannel.ForAddress(query.TlsAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = trust.ClientOptions(_ => { }) },
        });
        using var grpcWeb = GrpcChannel.ForAddress(query.TlsAddress, new GrpcChannelOptions
        {
            HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new SocketsHttpHandler { SslOptions = trust.ClientOptions(_ => { }) }),
            HttpVersion = HttpVersion.Version11,
            HttpVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var refusals = new List<string>();
        using var untrusting = GrpcChannel.ForAddress(query.TlsAddress, new GrpcChannelOptions
        {
            HttpHandler = new SocketsHttpHandler { SslOptions = new CertificateTrust(null).ClientOptions(refusals.Add) },
        });
        var request = new GetQuotesRequest { Symbols = { "600000.SH" } };

        var overHttp2 = await new QueryService.QueryServiceClient(grpc).GetQuotesAsync(request, RunningQueryService.ReadKeyHeaders);
        var overHttp11 = await new QueryService.QueryServiceClient(grpcWeb).GetQuotesAsync(request, RunningQueryService.ReadKeyHeaders);
        await Assert.ThrowsAsync<RpcException>(async () =>
            await new QueryService.QueryServiceClient(untrusting).GetQuotesAsync(request, RunningQueryService.ReadKeyHeaders));

        Assert.Equal(8.01, Assert.Single(overHttp2.Quotes).LastPrice);
        Assert.Equal(8.01, Assert.Single(overHttp11.Quotes).LastPrice);
        Assert.Contains("not trusted by this system's CAs", Assert.Single(refusals.Distinct()), StringComparison.Ordinal);
    }
}
