using QuotePlatform.Query.Tests.Support;
using QuotePlatform.Testing;
using QuotePlatform.Testing.Tls;
using Xunit;

namespace QuotePlatform.Query.Tests.Clients;

/// <summary>
/// The built query service as its own process, as scripts/dev.sh runs it: gRPC (h2c) on one port,
/// HTTP/1.1 (gRPC-Web, the page) on another; over a world seeded with a day of 600000.SH and quotes.
/// It asks for a read key, which the clients find in the file QP_READ_KEY_FILE names, and serves
/// both over TLS on a third port too (certificate of a private CA made for the run; ALPN picks HTTP/2
/// for gRPC, HTTP/1.1 for gRPC-Web).
/// </summary>
public sealed class RunningQueryService : IAsyncLifetime
{
    public const string ReadKey = "test-read-key-clients-0123456789";

    private readonly string _keyFile = Path.Combine(Path.GetTempPath(), $"qp-read-key-{Guid.NewGuid():N}");

    private readonly TestCertificates _certificates = new();

    public QueryWorld World { get; private set; } = null!;

    /// <summary>The private CA's PEM file, which clients trust (QP_CA_FILE).</summary>
    public string CaFile => _certificates.CaFile;

    /// <summary>https://localhost:PORT: gRPC and gRPC-Web over TLS on one port.</summary>
    public Uri TlsAddress => Service.Endpoints["Tls"];

    /// <summary>What a client process needs to find the read key.</summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?>
    {
        ["QP_READ_KEY_FILE"] = _keyFile,
        ["QP_CA_FILE"] = CaFile,
    };

    public static Grpc.Core.Metadata ReadKeyHeaders => new() { { "x-api-key", ReadKey } };

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>host:port of the gRPC endpoint, as QP_QUERY_URL gives it to clients.</summary>
    public string GrpcTarget => $"{Service.Endpoints["Grpc"].Host}:{Service.Endpoints["Grpc"].Port}";

    public async Task InitializeAsync()
    {
        World = await QueryWorld.CreateAsync();
        await World.StoreAsync(TestData.Day1m("600000.SH"));
        await World.PutQuotesAsync(TestData.Quote("000001.SZ", 11.23), TestData.Quote("600000.SH", 8.01));
        // Small panel messages, so a client reassembles a symbol's day from several of them.
        var settings = new Dictionary<string, string>(World.Settings)
        {
            ["Query:PanelMessageBars"] = "100",
            ["Query:ReadApiKeys:0:Name"] = "clients",
            ["Query:ReadApiKeys:0:Key"] = ReadKey,
        };
        await File.WriteAllTextAsync(_keyFile, ReadKey + "\n");
        var certificate = _certificates.Server();
        settings["Kestrel:Endpoints:Tls:Protocols"] = "Http1AndHttp2";
        settings["Kestrel:Endpoints:Tls:Certificate:Path"] = certificate.CertificateFile;
        settings["Kestrel:Endpoints:Tls:Certificate:KeyPath"] = certificate.KeyFile;
        Service = await ServiceProcess.StartAsync(
            "QuotePlatform.Query", settings, ["Web", "Grpc", "Tls"], TimeSpan.FromSeconds(60),
            new Dictionary<string, Uri> { ["Tls"] = new($"https://localhost:{LoopbackPort.Free()}") });
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await World.DisposeAsync();
        File.Delete(_keyFile);
        _certificates.Dispose();
    }
}
