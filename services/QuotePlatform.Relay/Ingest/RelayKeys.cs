using QuotePlatform.Streams;

namespace QuotePlatform.Relay.Ingest;

/// <summary>
/// Keys only the relay uses. Each extends a shard key of <see cref="StreamKeys"/>, so it carries the
/// same hash tag and one script can touch all keys of a shard on Redis Cluster.
/// </summary>
public sealed class RelayKeys(StreamKeys keys)
{
    public StreamKeys Streams { get; } = keys;

    /// <summary>Sorted set of the producer's batch sequences already written to this shard.</summary>
    public string WrittenBatches(int shard, string producerId) => $"{Streams.Bars(shard)}:seen:{producerId}";

    /// <summary>Hash: symbol → time (epoch ms) of the quote held in <see cref="StreamKeys.LatestQuotes"/>.</summary>
    public string LatestQuoteTimes(int shard) => Streams.LatestQuoteTimes(shard);

    /// <summary>
    /// The newest lease epoch of a feed seen by one stream (see FenceScript), in the stream's own
    /// Redis Cluster slot: a key without a hash tag hashes whole, so "{key}" lands where "key" does.
    /// </summary>
    public string Fence(string streamKey, string feed) =>
        streamKey.Contains('{', StringComparison.Ordinal) ? $"{streamKey}:fence:{feed}" : $"{{{streamKey}}}:fence:{feed}";
}
