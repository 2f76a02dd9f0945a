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
    // Quotes per HMGET / HSET (a string: the script is a constant): Redis's Lua unpacks at most
    // about 8,000 values at once (LUAI_MAXCSTACK).
    private const string ChunkQuotes = "1000";

    public const string Text = $$"""
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 0 end
        local function add(stream, payload, count)
          if count ~= '0' then
            redis.call('XADD', stream, '*', '{{BarsField}}', payload, '{{ProducerField}}', ARGV[4], '{{SequenceField}}', ARGV[1],
              '{{CountField}}', count, '{{CreatedField}}', ARGV[5], '{{TraceParentField}}', ARGV[6])
          end
        end
        add(KEYS[2], ARGV[7], ARGV[8])
        add(KEYS[3], ARGV[9], ARGV[10])
        -- Quotes: one HMGET of the stored times and multi-field HSETs (per chunk: Lua's unpack takes
        -- at most a few thousand values). A quote replaces only an older one; within the call the
        -- newest of a symbol wins, as sequential writes would have it.
        local newest, newestTime, order = {}, {}, {}
        for first = 11, #ARGV, 3 * {{ChunkQuotes}} do
          local last = math.min(first + 3 * {{ChunkQuotes}} - 1, #ARGV)
          local fields = {}
          for i = first, last, 3 do fields[#fields + 1] = ARGV[i] end
          local stored = redis.call('HMGET', KEYS[5], unpack(fields))
          for j = 1, #fields do
            local i = first + 3 * (j - 1)
            local symbol, time = ARGV[i], tonumber(ARGV[i + 1])
            local held = newestTime[symbol] or (stored[j] and tonumber(stored[j]))
            if not held or held < time then
              if not newest[symbol] then order[#order + 1] = symbol end
              newest[symbol], newestTime[symbol] = i, time
            end
          end
        end
        for first = 1, #order, {{ChunkQuotes}} do
          local times, payloads = {}, {}
          for k = first, math.min(first + {{ChunkQuotes}} - 1, #order) do
            local i = newest[order[k]]
            times[#times + 1] = ARGV[i]
            times[#times + 1] = ARGV[i + 1]
            payloads[#payloads + 1] = ARGV[i]
            payloads[#payloads + 1] = ARGV[i + 2]
          end
          redis.call('HSET', KEYS[5], unpack(times))
          redis.call('HSET', KEYS[4], unpack(payloads))
        end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[1])
        local excess = redis.call('ZCARD', KEYS[1]) - tonumber(ARGV[2])
        if excess > 0 then redis.call('ZREMRANGEBYRANK', KEYS[1], 0, excess - 1) end
        redis.call('EXPIRE', KEYS[1], ARGV[3])
        return 1
        """;
}
