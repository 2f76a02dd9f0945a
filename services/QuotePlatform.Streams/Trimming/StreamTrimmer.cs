using StackExchange.Redis;

namespace QuotePlatform.Streams.Trimming;

/// <summary>
/// Trims a stream without ever removing an entry that a registered consumer group has not read yet
/// or has read but not acknowledged (Redis 7.0 has no ACKED trimming). One Lua script reads the
/// groups and trims, so a group cannot move or appear between the two.
/// </summary>
public sealed class StreamTrimmer(IConnectionMultiplexer redis, TimeProvider time)
{
    // The safe point is the lowest of, per group, the id just after last-delivered-id and the
    // oldest pending id: XTRIM MINID keeps every id >= it. Trimming for length uses "~ ... LIMIT"
    // (MINID with a count needs the approximate form): it removes whole radix-tree nodes only, so
    // a stream may hold up to one node (stream-node-max-entries) more than asked, never an unread entry.
    // Trimming for age is exact: the age and the safe point are both ids, no count is involved.
    private const string Script = """
        local function parse(id)
          local ms, sq = string.match(id, '^(%d+)-(%d+)$')
          return tonumber(ms), tonumber(sq)
        end
        local function before(a, b)
          local am, as = parse(a)
          local bm, bs = parse(b)
          return am < bm or (am == bm and as < bs)
        end
        local function after(id)
          local ms, sq = string.match(id, '^(%d+)-(%d+)$')
          return ms .. '-' .. string.format('%d', tonumber(sq) + 1)
        end
        local key = KEYS[1]
        local maxEntries = tonumber(ARGV[1])
        local ageMinId = ARGV[2]
        local len = redis.call('XLEN', key)
        if len == 0 then return {0, 0, ''} end
        local safe = nil
        local heldBy = ''
        for _, g in ipairs(redis.call('XINFO', 'GROUPS', key)) do
          local name, last
          for i = 1, #g, 2 do
            if g[i] == 'name' then name = g[i + 1] elseif g[i] == 'last-delivered-id' then last = g[i + 1] end
          end
          local keep = after(last)
          local pending = redis.call('XPENDING', key, name)
          if pending[1] > 0 and before(pending[2], keep) then keep = pending[2] end
          if safe == nil or before(keep, safe) then
            safe = keep
            heldBy = name
          end
        end
        local removed = 0
        if len > maxEntries then
          if safe == nil then
            removed = redis.call('XTRIM', key, 'MAXLEN', maxEntries)
          else
            removed = redis.call('XTRIM', key, 'MINID', '~', safe, 'LIMIT', len - maxEntries)
          end
        end
        if ageMinId ~= '' then
          local target = ageMinId
          if safe ~= nil and before(safe, target) then target = safe end
          removed = removed + redis.call('XTRIM', key, 'MINID', target)
        end
        return {removed, len - removed, heldBy}
        """;

    public async Task<TrimResult> TrimAsync(string key, StreamTrimPolicy policy)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(policy.MaxEntries);
        var ageMinId = policy.MaxAge is { } age
            ? $"{(time.GetUtcNow() - age).ToUnixTimeMilliseconds()}-0"
            : "";
        var reply = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(
            Script, [key], [policy.MaxEntries, ageMinId]))!;
        var heldBy = (string?)reply[2];
        return new TrimResult((long)reply[0], (long)reply[1], string.IsNullOrEmpty(heldBy) ? null : heldBy);
    }

    /// <summary>Approximate memory the stream uses (MEMORY USAGE with sampling), 0 when it does not exist.</summary>
    public async Task<long> MemoryUsageBytesAsync(string key)
    {
        var reply = await redis.GetDatabase().ExecuteAsync("MEMORY", "USAGE", (RedisKey)key, "SAMPLES", 5);
        return reply.IsNull ? 0 : (long)reply;
    }
}
