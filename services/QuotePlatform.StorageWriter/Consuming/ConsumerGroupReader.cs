using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using QuotePlatform.StorageWriter.Resilience;
using QuotePlatform.StorageWriter.Telemetry;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Hosting;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>
/// This process's place in the consumer group, across every shard's streams: the bar streams first,
/// then the tick streams (the archive travels the same way, with the same guarantees).
/// </summary>
public sealed class ConsumerGroupReader
{
    private readonly IConnectionMultiplexer _redis;
    private readonly StorageWriterOptions _options;
    private readonly ResiliencePipeline _pipeline;
    private readonly int _shards;
    private readonly string[] _streams;
    private readonly RedisValue[] _claimCursors;

    public ConsumerGroupReader(
        IConnectionMultiplexer redis,
        StreamKeys keys,
        IOptions<RedisStreamsOptions> streams,
        IOptions<StorageWriterOptions> options,
        ResiliencePipelineProvider<string> pipelines)
    {
        _redis = redis;
        _options = options.Value;
        _pipeline = pipelines.GetPipeline(ResiliencePipelines.Redis);
        _shards = streams.Value.ShardCount;
        _streams = [.. Enumerable.Range(0, _shards).Select(keys.Bars), .. Enumerable.Range(0, _shards).Select(keys.Ticks)];
        _claimCursors = [.. _streams.Select(_ => (RedisValue)"0-0")];
        Consumer = _options.ResolvedConsumerName();
    }

    public string Consumer { get; }

    public string Group => _options.Group;

    public IReadOnlyList<string> Streams => _streams;

    private IDatabase Db => _redis.GetDatabase();

    /// <summary>Creates the group on every shard from the first entry, so nothing written before the writer first ran is skipped.</summary>
    public async Task EnsureGroupsAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in _streams)
        {
            try
            {
                await _pipeline.ExecuteAsync(
                    async _ => await Db.StreamCreateConsumerGroupAsync(stream, Group, StreamPosition.Beginning, createStream: true),
                    cancellationToken);
            }
            catch (RedisServerException ex) when (RedisErrors.IsGroupExists(ex))
            {
                // Another instance (or an earlier run) created it.
            }
        }
    }

    /// <summary>Entries never delivered to any consumer (XREADGROUP &gt;), every shard in one pipelined round.</summary>
    public async Task<List<ConsumedEntry>> ReadNewAsync(CancellationToken cancellationToken)
    {
        var replies = await _pipeline.ExecuteAsync(
            async _ => await Task.WhenAll(_streams.Select(stream =>
                Db.StreamReadGroupAsync(stream, Group, Consumer, StreamPosition.NewMessages, _options.ReadCount))),
            cancellationToken);
        var entries = new List<ConsumedEntry>();
        for (var shard = 0; shard < _streams.Length; shard++)
        {
            entries.AddRange(replies[shard].Select(raw => ConsumedEntry.Decode(_streams[shard], raw)));
        }

        return entries;
    }

    /// <summary>
    /// Entries this consumer name already owns (a restart under the same pod name). Entries trimmed
    /// away meanwhile come back without fields: there is nothing left to store, so they are acked.
    /// </summary>
    public async Task<List<ConsumedEntry>> ReadOwnPendingAsync(CancellationToken cancellationToken)
    {
        var entries = new List<ConsumedEntry>();
        foreach (var stream in _streams)
        {
            RedisValue after = "0-0";
            while (true)
            {
                var position = after;
                var page = await _pipeline.ExecuteAsync(
                    async _ => await Db.StreamReadGroupAsync(stream, Group, Consumer, position, _options.ReadCount),
                    cancellationToken);
                if (page.Length == 0)
                {
                    break;
                }

                var gone = page.Where(e => e.Values is null || e.Values.Length == 0).Select(e => e.Id).ToArray();
                if (gone.Length > 0)
                {
                    await _pipeline.ExecuteAsync(async _ => await Db.StreamAcknowledgeAsync(stream, Group, gone), cancellationToken);
                }

                entries.AddRange(page.Where(e => e.Values is { Length: > 0 }).Select(raw => ConsumedEntry.Decode(stream, raw)));
                after = page[^1].Id;
            }
        }

        return entries;
    }

    /// <summary>Takes over entries pending longer than ClaimMinIdle on any consumer (XAUTOCLAIM), walking each shard's list over calls.</summary>
    public async Task<List<ConsumedEntry>> ClaimIdleAsync(CancellationToken cancellationToken)
    {
        var idleMs = (long)_options.ClaimMinIdle.TotalMilliseconds;
        var results = await _pipeline.ExecuteAsync(
            async _ => await Task.WhenAll(_streams.Select((stream, shard) =>
                Db.StreamAutoClaimAsync(stream, Group, Consumer, idleMs, _claimCursors[shard], _options.ReadCount))),
            cancellationToken);
        var entries = new List<ConsumedEntry>();
        for (var shard = 0; shard < _streams.Length; shard++)
        {
            _claimCursors[shard] = results[shard].NextStartId;
            entries.AddRange(results[shard].ClaimedEntries
                .Where(e => e.Values is { Length: > 0 })
                .Select(raw => ConsumedEntry.Decode(_streams[shard], raw)));
        }

        return entries;
    }

    public async Task AckAsync(IEnumerable<ConsumedEntry> entries, CancellationToken cancellationToken)
    {
        var byStream = entries.GroupBy(e => e.Stream).Select(g => (Stream: g.Key, Ids: g.Select(e => (RedisValue)e.Id).ToArray())).ToList();
        if (byStream.Count == 0)
        {
            return;
        }

        await _pipeline.ExecuteAsync(
            async _ => await Task.WhenAll(byStream.Select(s => Db.StreamAcknowledgeAsync(s.Stream, Group, s.Ids))),
            cancellationToken);
    }

    /// <summary>How many times the group has delivered this entry (XPENDING), 0 when it is no longer pending.</summary>
    public async Task<int> DeliveriesAsync(ConsumedEntry entry, CancellationToken cancellationToken)
    {
        var info = await _pipeline.ExecuteAsync(
            async _ => await Db.StreamPendingMessagesAsync(entry.Stream, Group, 1, RedisValue.Null, entry.Id, entry.Id),
            cancellationToken);
        return info.Length == 0 ? 0 : info[0].DeliveryCount;
    }

    public async Task<StreamBacklog> BacklogAsync(CancellationToken cancellationToken)
    {
        var groups = await _pipeline.ExecuteAsync(
            async _ => await Task.WhenAll(_streams.Take(_shards).Select(stream => Db.StreamGroupInfoAsync(stream))),
            cancellationToken);
        var shards = new List<ShardBacklog>(_shards);
        for (var shard = 0; shard < _shards; shard++)
        {
            var group = groups[shard].FirstOrDefault(g => g.Name == Group);
            shards.Add(new ShardBacklog(shard, group.PendingMessageCount, group.Lag ?? 0));
        }

        return new StreamBacklog(shards);
    }
}
