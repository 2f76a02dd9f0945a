using System.Net;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;
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
}
