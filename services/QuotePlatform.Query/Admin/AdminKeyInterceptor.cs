using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Options;

namespace QuotePlatform.Query.Admin;

/// <summary>Every admin call must present Query:AdminApiKey in the x-admin-key header.</summary>
public sealed partial class AdminKeyInterceptor(IOptions<AdminOptions> options, ILogger<AdminKeyInterceptor> logger) : Interceptor
{
    public const string Header = "x-admin-key";

    private readonly byte[] _key = Encoding.UTF8.GetBytes(options.Value.AdminApiKey);

    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        var presented = context.RequestHeaders.GetValue(Header);
        if (string.IsNullOrEmpty(presented))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"admin calls need the admin key in the \"{Header}\" metadata header"));
        }

        if (!CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _key))
        {
            LogRejected(context.Method, context.Peer);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the \"{Header}\" header does not hold the admin key configured as Query:AdminApiKey"));
        }

        return continuation(request, context);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Admin call {Method} from {Peer} refused: wrong admin key")]
    private partial void LogRejected(string method, string peer);
}
