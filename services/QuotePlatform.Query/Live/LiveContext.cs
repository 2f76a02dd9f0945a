using Microsoft.Extensions.Options;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Control;
using StackExchange.Redis;

namespace QuotePlatform.Query.Live;

/// <summary>The singletons every live subscription works with.</summary>
public sealed class LiveContext(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    ShardRouter router,
    StreamActivityMonitor monitor,
    DecodedEntryCache decoded,
    ConsumerStopRequests stopRequests,
    ConsumerHandOff handOff,
    IOptions<LiveOptions> options,
    TimeProvider time,
    ILogger<LiveSession> logger)
{
    public IConnectionMultiplexer Redis => redis;

    public StreamKeys Keys => keys;

    public ShardRouter Router => router;

    public StreamActivityMonitor Monitor => monitor;

    public DecodedEntryCache Decoded => decoded;

    public ConsumerStopRequests StopRequests => stopRequests;

    public ConsumerHandOff HandOff => handOff;

    public LiveOptions Options => options.Value;

    public TimeProvider Time => time;

    public ILogger Logger => logger;
}
