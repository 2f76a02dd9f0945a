using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.Relay.Options;

namespace QuotePlatform.Relay.Auth;

/// <summary>Maps the API key a producer presents in call metadata to its producer id.</summary>
public sealed class ProducerAuthenticator
{
    public const string ApiKeyHeader = "x-api-key";

    // Keyed by a hash of the key: the lookup then reveals nothing about how close a guess was,
    // and the plain keys need not stay in memory.
    private readonly FrozenDictionary<string, string> _producerByKeyHash;

    public ProducerAuthenticator(IOptions<RelayOptions> options) =>
        _producerByKeyHash = options.Value.Producers.ToFrozenDictionary(p => Hash(p.ApiKey), p => p.Id, StringComparer.Ordinal);

    /// <summary>The producer id, or <see cref="StatusCode.Unauthenticated"/> for a missing or unknown key.</summary>
    public string Authenticate(ServerCallContext context)
    {
        var apiKey = context.RequestHeaders.GetValue(ApiKeyHeader);
        if (string.IsNullOrEmpty(apiKey))
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"missing '{ApiKeyHeader}' metadata: send the producer's API key"));
        }

        return _producerByKeyHash.TryGetValue(Hash(apiKey), out var producer)
            ? producer
            : throw new RpcException(new Status(StatusCode.Unauthenticated, $"the '{ApiKeyHeader}' given is not a known producer key"));
    }

    private static string Hash(string apiKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
