using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;

namespace QuotePlatform.Query.Access;

/// <summary>
/// Names the client of a call: the name of the read key it presents in <see cref="Header"/>, or,
/// when no read key is configured, its address.
/// </summary>
public sealed partial class ReadKeyAuthenticator
{
    public const string Header = "x-api-key";

    // Keyed by a hash of the key: the lookup then reveals nothing about how close a guess was.
    private readonly FrozenDictionary<string, string> _nameByKeyHash;
    private readonly ILogger<ReadKeyAuthenticator> _logger;

    public ReadKeyAuthenticator(IOptions<ReadAccessOptions> options, ILogger<ReadKeyAuthenticator> logger)
    {
        _nameByKeyHash = options.Value.ReadApiKeys.ToFrozenDictionary(k => Hash(k.Key), k => k.Name, StringComparer.Ordinal);
        _logger = logger;
    }

    public bool Open => _nameByKeyHash.Count == 0;

    /// <summary>The client's name; UNAUTHENTICATED without a key, PERMISSION_DENIED with an unknown one.</summary>
    public string Identify(ServerCallContext context)
    {
        if (Open)
        {
            return PeerAddress(context.Peer);
        }

        var presented = context.RequestHeaders.GetValue(Header);
        if (string.IsNullOrEmpty(presented))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"this query service needs a read key in the \"{Header}\" metadata header"));
        }

        if (!_nameByKeyHash.TryGetValue(Hash(presented), out var name))
        {
            LogRefused(context.Method, context.Peer);
            throw new RpcException(new Status(StatusCode.PermissionDenied, $"the \"{Header}\" header does not hold a read key configured in Query:ReadApiKeys"));
        }

        return name;
    }

    /// <summary>"ipv4:10.0.0.5:51234" → "10.0.0.5": one client however many connections it opens.</summary>
    internal static string PeerAddress(string peer)
    {
        var start = peer.IndexOf(':', StringComparison.Ordinal) + 1;
        var end = peer.LastIndexOf(':');
        return end > start ? peer[start..end] : peer;
    }

    private static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Read call {Method} from {Peer} refused: unknown read key")]
    private partial void LogRefused(string method, string peer);
}
