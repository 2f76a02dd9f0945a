using System.Net;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuotePlatform.ServiceDefaults;
using Xunit;

namespace QuotePlatform.ServiceDefaults.Tests;

public sealed class HealthEndpointTests
{
    private static async Task<(WebApplication App, Uri Address)> StartAsync(bool ready)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2));
        builder.AddServiceDefaults();
        builder.Services.AddHealthChecks().AddCheck("dependency", () => ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("down"));
        var app = builder.Build();
        app.MapDefaultEndpoints();
        await app.StartAsync();
        return (app, new Uri(app.Urls.First()));
    }

    [Fact]
    public async Task MapDefaultEndpoints_DependencyDown_LiveHealthyReadyUnavailable()
    {
        var (app, address) = await StartAsync(ready: false);
        await using var _ = app;
        // Cleartext HTTP/2 (prior knowledge), as the services serve gRPC without TLS on loopback.
        using var http = new HttpClient
        {
            BaseAddress = address,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        var ready = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task MapDefaultEndpoints_GrpcHealthCheck_ReportsServingWhenReady()
    {
        var (app, address) = await StartAsync(ready: true);
        await using var _ = app;
        using var channel = GrpcChannel.ForAddress(address);

        var reply = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, reply.Status);
    }

    [Fact]
    public async Task MapDefaultEndpoints_GrpcHealthCheckDependencyDown_LiveServingReadyNot()
    {
        var (app, address) = await StartAsync(ready: false);
        await using var _ = app;
        using var channel = GrpcChannel.ForAddress(address);
        var client = new Health.HealthClient(channel);

        var ready = await client.CheckAsync(new HealthCheckRequest());
        var live = await client.CheckAsync(new HealthCheckRequest { Service = "live" });

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, ready.Status);
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, live.Status);
    }
}
