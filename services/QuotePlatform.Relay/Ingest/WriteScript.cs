using QuotePlatform.Relay.Leases;
using QuotePlatform.Streams;
using static QuotePlatform.Streams.BarStreamEntry;

namespace QuotePlatform.Relay.Ingest;

/// <summary>
/// Writes one shard's part of a batch and records the batch as written in the same atomic step, so
/// "acknowledged" and "in the stream" cannot disagree, even across relay restarts. Returns 1 when
/// written, 0 when this producer's sequence was already written to this shard (a resend), -1 when
/// the batch's lease epoch is older than the feed's fence on this shard (nothing written).
/// </summary>
public static class WriteScript
{
    // KEYS: 1 written-batches zset, 2 final stream, 3 forming stream, 4 latest quotes, 5 latest quote times,
    //       6 the feed's fence, 7 tick stream
    // ARGV: 1 seq, 2 dedup window, 3 dedup ttl seconds, 4 producer, 5 created ms, 6 traceparent,
    //       7 final payload, 8 final count, 9 forming payload, 10 forming count, 11 lease epoch (0: no feed),
    //       12 tick payload, 13 tick count, 14.. per quote: symbol, time ms, payload
    // The window keeps the newest sequences only (bounded memory); a resend older than the window
    // is written again, which the idempotent sinks absorb: losing a batch would be worse.
    // Quotes per HMGET / HSET (a string: the script is a constant): Redis's Lua unpacks at most
    // about 8,000 values at once (LUAI_MAXCSTACK).
    private const string ChunkQuotes = "1000";

    public static readonly string Text = $$"""
        {{FenceScript.Check(6, 11)}}
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        local function add(stream, field, payload, count)
          if count ~= '0' then
            redis.call('XADD', stream, '*', field, payload, '{{ProducerField}}', ARGV[4], '{{SequenceField}}', ARGV[1],
              '{{CountField}}', count, '{{CreatedField}}', ARGV[5], '{{TraceParentField}}', ARGV[6])
          end
        end
        add(KEYS[2], '{{BarsField}}', ARGV[7], ARGV[8])
        add(KEYS[3], '{{BarsField}}', ARGV[9], ARGV[10])
        add(KEYS[7], '{{TickStreamEntry.TicksField}}', ARGV[12], ARGV[13])
        -- Quotes, per chunk of {{ChunkQuotes}} (Lua's unpack takes at most a few thousand values):
        -- one HMGET of the stored times, then one multi-field HSET per hash. A quote replaces only
        -- an older one; a symbol twice in a chunk keeps the newer (a later chunk reads what an
        -- earlier one wrote), as one write per quote in order would have it.
        for first = 14, #ARGV, 3 * {{ChunkQuotes}} do
          local last = math.min(first + 3 * {{ChunkQuotes}} - 1, #ARGV)
          local fields, m = {}, 0
          for i = first, last, 3 do m = m + 1; fields[m] = ARGV[i] end
          local stored = redis.call('HMGET', KEYS[5], unpack(fields))
          local times, payloads, at, n = {}, {}, {}, 0
          for j = 1, m do
            local i = first + 3 * (j - 1)
            local symbol, time = ARGV[i], tonumber(ARGV[i + 1])
            local k = at[symbol]
            if k then
              if tonumber(times[k]) < time then times[k] = ARGV[i + 1]; payloads[k] = ARGV[i + 2] end
            elseif not stored[j] or tonumber(stored[j]) < time then
              times[n + 1], times[n + 2] = symbol, ARGV[i + 1]
              payloads[n + 1], payloads[n + 2] = symbol, ARGV[i + 2]
              n = n + 2
              at[symbol] = n
            end
          end
          if n > 0 then
            redis.call('HSET', KEYS[5], unpack(times, 1, n))
            redis.call('HSET', KEYS[4], unpack(payloads, 1, n))
          end
        end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
        if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;
}
