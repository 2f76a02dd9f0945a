using Google.Protobuf;
using Microsoft.Extensions.Options;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Relay.Leases;
using QuotePlatform.Relay.Options;
using QuotePlatform.Streams.Calendar;
using QuotePlatform.Streams.Reference;
using StackExchange.Redis;

namespace QuotePlatform.Relay.Ingest;

/// <summary>Writes a prepared batch with one script call per shard, all pipelined on the one connection.</summary>
public sealed class StreamBatchWriter(IConnectionMultiplexer redis, RelayKeys keys, IOptions<RelayOptions> options)
{
    private readonly int _dedupWindow = options.Value.DedupWindowBatches;
    private readonly long _dedupTtlSeconds = (long)options.Value.DedupRetention.TotalSeconds;

    /// <summary>
    /// Sends the writes before returning, so batches reach Redis in the order they were received;
    /// the task completes once Redis has confirmed every shard (or faults with the Redis error).
    /// </summary>
    public Task<BatchStatus> WriteAsync(string producer, PreparedBatch batch, string traceParent)
    {
        if (batch.Shards.Count == 0 && batch.Calendars.Count == 0 && batch.Instruments.Count == 0)
        {
            return Task.FromResult(BatchStatus.Written);
        }

        var database = redis.GetDatabase();
        var writes = new Task<RedisResult>[batch.Shards.Count];
        for (var i = 0; i < writes.Length; i++)
        {
            var shard = batch.Shards[i];
            writes[i] = database.ScriptEvaluateAsync(WriteScript.Text, Keys(shard.Shard, producer, batch.Feed), Arguments(producer, batch, shard, traceParent));
        }

        // Calendars are not deduplicated: the sink keeps one row per market and date, so a resent
        // calendar rewrites the same rows.
        var references = batch.Calendars.Select(c => AddFenced(database, keys.Streams.Calendars, batch, CalendarStreamEntry.ToFields(c, producer))).ToList();
        // Instruments likewise: the sink keeps one row per symbol and trading date (and per ex-date).
        if (batch.Instruments.Count > 0)
        {
            references.Add(AddFenced(database, keys.Streams.Instruments, batch, InstrumentStreamEntry.ToFields(batch.Instruments, producer)));
        }

        return CompleteAsync(writes, [.. references]);
    }

    private static async Task<BatchStatus> CompleteAsync(Task<RedisResult>[] writes, Task<RedisResult>[] references)
    {
        await Task.WhenAll(writes);
        await Task.WhenAll(references);
        if (writes.Concat(references).Any(write => (int)write.Result == -1))
        {
            return BatchStatus.Fenced;
        }

        // A shard that answers "already written" is the remainder of an earlier, partly failed attempt.
        return writes.Length == 0 || writes.Any(write => (int)write.Result == 1) ? BatchStatus.Written : BatchStatus.Duplicate;
    }

    // Any stream a feed's batch reaches is written under the feed's fence (FenceScript), whatever it carries.
    private Task<RedisResult> AddFenced(IDatabase database, string stream, PreparedBatch batch, NameValueEntry[] fields)
    {
        var arguments = new RedisValue[1 + (2 * fields.Length)];
        arguments[0] = batch.LeaseEpoch;
        for (var i = 0; i < fields.Length; i++)
        {
            arguments[1 + (2 * i)] = fields[i].Name;
            arguments[2 + (2 * i)] = fields[i].Value;
        }

        return database.ScriptEvaluateAsync(FenceScript.Add, [keys.Fence(stream, batch.Feed), stream], arguments);
    }

    private RedisKey[] Keys(int shard, string producer, string feed) =>
    [
        keys.WrittenBatches(shard, producer),
        keys.Streams.Bars(shard),
        keys.Streams.FormingBars(shard),
        keys.Streams.LatestQuotes(shard),
        keys.LatestQuoteTimes(shard),
        keys.Fence(keys.Streams.Bars(shard), feed),
        keys.Streams.Ticks(shard),
    ];

    private RedisValue[] Arguments(string producer, PreparedBatch batch, ShardWrite shard, string traceParent)
    {
        var arguments = new RedisValue[13 + (3 * shard.Quotes.Count)];
        arguments[0] = batch.Sequence;
        arguments[1] = _dedupWindow;
        arguments[2] = _dedupTtlSeconds;
        arguments[3] = producer;
        arguments[4] = batch.CreatedUnixMs;
        arguments[5] = traceParent;
        arguments[6] = shard.Final.Bars.Count > 0 ? shard.Final.ToByteArray() : RedisValue.EmptyString;
        arguments[7] = shard.Final.Bars.Count;
        arguments[8] = shard.Forming.Bars.Count > 0 ? shard.Forming.ToByteArray() : RedisValue.EmptyString;
        arguments[9] = shard.Forming.Bars.Count;
        arguments[10] = batch.LeaseEpoch;
        arguments[11] = shard.Ticks.Ticks.Count > 0 ? shard.Ticks.ToByteArray() : RedisValue.EmptyString;
        arguments[12] = shard.Ticks.Ticks.Count;
        var next = 13;
        foreach (var quote in shard.Quotes)
        {
            arguments[next++] = quote.Symbol;
            arguments[next++] = quote.TimeUnixMs;
            arguments[next++] = quote.ToByteArray();
        }

        return arguments;
    }
}
