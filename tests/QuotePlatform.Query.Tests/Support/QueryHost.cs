using Grpc.Net.Client;
using Grpc.Net.Client.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Tests.Support;

/// <summary>The query service in-process with its own registration, reading one test's world.</summary>
public sealed class QueryHost(QueryWorld world, IReadOnlyDictionary<string, string>? overrides = null, TimeProvider? clock = null)
    : WebApplicationFactory<Program>
{
    public QueryService.QueryServiceClient CreateClient(bool grpcWeb = false)
    {
        HttpMessageHandler handler = Server.CreateHandler();
        if (grpcWeb)
        {
            handler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, handler);
        }

        return new(GrpcChannel.ForAddress(Server.BaseAddress, new GrpcChannelOptions { HttpHandler = handler }));
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in world.Settings)
        {
            builder.UseSetting(key, value);
        }

        foreach (var (key, value) in overrides ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }

        if (clock is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(clock));
        }
    }
}
