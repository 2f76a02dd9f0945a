using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Text;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.Relay.Options;

namespace QuotePlatform.Relay.Auth;

/// <summary>
/// Maps the API key a producer presents in call metadata to its producer id. A producer may run
/// several independent senders under one key (the live ingest and a history import): each names its
/// channel in <see cref="ChannelHeader"/> and gets its own identity, "id/channel", so their batch
/// sequences never meet in the relay's deduplication.
/// </summary>
public sealed partial class ProducerAuthenticator
{
    public const string ApiKeyHeader = "x-api-key";
    public const string ChannelHeader = "x-producer-channel";

    // Keyed by a hash of the key: the lookup then reveals nothing about how close a guess was,
    // and the plain keys need not stay in memory.
    private readonly FrozenDictionary<string, string> _producerByKeyHash;
    private readonly FrozenDictionary<string, string> _producerByCertificateName;

    public ProducerAuthenticator(IOptions<RelayOptions> options)
    {
        var producers = options.Value.Producers;
        _producerByKeyHash = producers.Where(p => p.ApiKey.Length > 0).ToFrozenDictionary(p => Hash(p.ApiKey), p => p.Id, StringComparer.Ordinal);
        _producerByCertificateName = producers.Where(p => p.ClientCertificateName.Length > 0)
            .ToFrozenDictionary(p => p.ClientCertificateName, p => p.Id, StringComparer.Ordinal);
    }

    /// <summary>
    /// The producer id: by its API key, else by its client certificate (already checked against
    /// Relay:ClientCertificateCaFile by the TLS handshake); <see cref="StatusCode.Unauthenticated"/> otherwise.
    /// </summary>
    public string Authenticate(ServerCallContext context)
    {
        var apiKey = context.RequestHeaders.GetValue(ApiKeyHeader);
        string? producer;
        if (!string.IsNullOrEmpty(apiKey))
        {
            if (!_producerByKeyHash.TryGetValue(Hash(apiKey), out producer))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, $"the '{ApiKeyHeader}' given is not a known producer key"));
            }
        }
        else if (context.GetHttpContext().Connection.ClientCertificate is { } certificate)
        {
            var name = certificate.GetNameInfo(System.Security.Cryptography.X509Certificates.X509NameType.SimpleName, forIssuer: false);
            if (!_producerByCertificateName.TryGetValue(name, out producer))
            {
                throw new RpcException(new Status(StatusCode.Unauthenticated, $"the client certificate \"{name}\" is not a producer's ClientCertificateName"));
            }
        }
        else
        {
            throw new RpcException(new Status(StatusCode.Unauthenticated, $"missing '{ApiKeyHeader}' metadata: send the producer's API key (or a client certificate)"));
        }

        var channel = context.RequestHeaders.GetValue(ChannelHeader);
        if (string.IsNullOrEmpty(channel))
        {
            return producer;
        }

        return ChannelPattern().IsMatch(channel)
            ? $"{producer}/{channel}"
            : throw new RpcException(new Status(StatusCode.InvalidArgument, $"'{ChannelHeader}' must be 1-32 letters, digits, '_', '.' or '-'"));
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[A-Za-z0-9_.-]{1,32}$")]
    private static partial System.Text.RegularExpressions.Regex ChannelPattern();

    private static string Hash(string apiKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
