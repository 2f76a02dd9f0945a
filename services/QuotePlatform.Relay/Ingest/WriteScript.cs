using static QuotePlatform.Streams.BarStreamEntry;

namespace QuotePlatform.Relay.Ingest;

/// <summary>
/// Writes one shard's part of a batch and records the batch as written in the same atomic step, so
/// "acknowledged" and "in the stream" cannot disagree, even across relay restarts. Returns 1 when
/// written, 0 when this producer's sequence was already written to this shard (a resend).
/// </summary>
public static class WriteScript
{
    // KEYS: 1 written-batches zset, 2 final stream, 3 forming stream, 4 latest quotes, 5 latest quote times
    // ARGV: 1 seq, 2 dedup window, 3 dedup ttl seconds, 4 producer, 5 created ms, 6 traceparent,
    //       7 final payload, 8 final count, 9 forming payload, 10 forming count,
    //       11.. per quote: symbol, time ms, payload
    // The window keeps the newest sequences only (bounded memory); a resend older than the window
    // is written again, which the idempotent sinks absorb: losing a batch would be worse.
    public const string Text = $"""
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        local function add(stream, payload, count)
          if count ~= '0' then
            redis.call('XADD', stream, '*', '{BarsField}', payload, '{ProducerField}', ARGV[4], '{SequenceField}', ARGV[1],
              '{CountField}', count, '{CreatedField}', ARGV[5], '{TraceParentField}', ARGV[6])
          end
        end
        add(KEYS[2], ARGV[7], ARGV[8])
        add(KEYS[3], ARGV[9], ARGV[10])
        for i = 11, #ARGV, 3 do
          local stored = redis.call('HGET', KEYS[5], ARGV[i])
          if not stored or tonumber(stored) < tonumber(ARGV[i + 1]) then
            redis.call('HSET', KEYS[5], ARGV[i], ARGV[i + 1])
            redis.call('HSET', KEYS[4], ARGV[i], ARGV[i + 2])
          end
        end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
        if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;
}
