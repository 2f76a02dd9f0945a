using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Testing;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>
/// The built query service as its own process, as scripts/dev.sh runs it: gRPC (h2c) on one port,
/// HTTP/1.1 (gRPC-Web, the page) on another; over a world seeded with a day of 600000.SH and quotes.
/// </summary>
public sealed class RunningQueryService : IAsyncLifetime
{
    public QueryWorld World { get; private set; } = null!;

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>host:port of the gRPC endpoint, as QP_QUERY_URL gives it to clients.</summary>
    public string GrpcTarget => $"{Service.Endpoints["Grpc"].Host}:{Service.Endpoints["Grpc"].Port}";

    public async Task InitializeAsync()
    {
        World = await QueryWorld.CreateAsync();
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        await World.PutQuotesAsync(TestData.Quote("000001.SZ", 11.23), TestData.Quote("600000.SH", 8.01));
        // Small panel messages, so a client reassembles a symbol's day from several of them.
        var settings = new Dictionary<string, string>(World.Settings) { ["Query:PanelMessageBars"] = "100" };
        Service = await ServiceProcess.StartAsync("QuotePlatform.Query", settings, ["Web", "Grpc"], TimeSpan.FromSeconds(60));
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await World.DisposeAsync();
    }
}
