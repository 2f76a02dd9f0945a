using Grpc.Core;
using Grpc.Core.Interceptors;
using QuotePlatform.Configuration.Tls;
using Grpc.Net.Client;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Connection;

/// <summary>One gRPC channel to the query service and the clients on it.</summary>
internal sealed class QueryConnection : IDisposable
{
    /// <summary>Unary calls that take longer are reported as "did not answer in time".</summary>
    public static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(30);

    private readonly GrpcChannel _channel;
    private readonly TimeProvider _time;

    /// <param name="readKey">Sent with every call when the service asks for one (<see cref="ReadKey"/>).</param>
    /// <param name="caFile">For https://: a private CA's PEM file (QP_CA_FILE); null trusts the system's CAs.</param>
    public QueryConnection(Endpoint server, TimeProvider time, string? readKey = null, string? caFile = null)
    {
        Server = server;
        _time = time;

        var trust = new CertificateTrust(caFile);
        _channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions
        {
            // A BatchGetBars answer may hold 100,000 bars (about 6 MB), above gRPC's 4 MB default.
            MaxReceiveMessageSize = 64 << 20,
            HttpHandler = new SocketsHttpHandler { SslOptions = trust.ClientOptions(reason => TlsRefusal = reason) },
        });
        var invoker = readKey is null ? _channel.CreateCallInvoker() : _channel.Intercept(headers =>
        {
            headers.Add(ReadKey.Header, readKey);
            return headers;
        });
        Query = new QueryService.QueryServiceClient(invoker);
        Live = new LiveService.LiveServiceClient(invoker);
        Admin = new AdminService.AdminServiceClient(invoker);
    }

    /// <summary>QP_CA_FILE: the private CA an https:// query service's certificate is checked against.</summary>
    public const string CaFileVariable = "QP_CA_FILE";

    public Endpoint Server { get; }

    /// <summary>Why the server's TLS certificate was refused, if it was.</summary>
    public string? TlsRefusal { get; private set; }

    public QueryService.QueryServiceClient Query { get; }

    public LiveService.LiveServiceClient Live { get; }

    public AdminService.AdminServiceClient Admin { get; }

    public CallOptions Unary(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(headers, _time.GetUtcNow().UtcDateTime.Add(CallTimeout), cancellationToken);

    public static Metadata AdminHeaders(string adminKey) => new() { { AdminKey.Header, adminKey } };

    public void Dispose() => _channel.Dispose();
}
