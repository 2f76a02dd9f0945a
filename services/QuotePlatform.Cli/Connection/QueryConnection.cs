using Grpc.Core;
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

    public QueryConnection(Endpoint server, TimeProvider time)
    {
        Server = server;
        _time = time;

        // A BatchGetBars answer may hold 100,000 bars (about 6 MB), above gRPC's 4 MB default.
        _channel = GrpcChannel.ForAddress(server.Address, new GrpcChannelOptions { MaxReceiveMessageSize = 64 << 20 });
        Query = new QueryService.QueryServiceClient(_channel);
        Live = new LiveService.LiveServiceClient(_channel);
        Admin = new AdminService.AdminServiceClient(_channel);
    }

    public Endpoint Server { get; }

    public QueryService.QueryServiceClient Query { get; }

    public LiveService.LiveServiceClient Live { get; }

    public AdminService.AdminServiceClient Admin { get; }

    public CallOptions Unary(CancellationToken cancellationToken, Metadata? headers = null) =>
        new(headers, _time.GetUtcNow().UtcDateTime.Add(CallTimeout), cancellationToken);

    public static Metadata AdminHeaders(string adminKey) => new() { { AdminKey.Header, adminKey } };

    public void Dispose() => _channel.Dispose();
}
