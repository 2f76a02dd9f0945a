namespace QuotePlatform.Relay.Leases;

/// <summary>
/// One atomic step on a feed's lease hash: the holder renews (or gives it up), anyone else is
/// recorded as the standby, and when the holder is gone (silent past the time to live, or released)
/// the caller is granted the lease under the next epoch. A holder that renews late keeps its epoch
/// as long as nobody else took the lease: its batches in flight stay valid.
/// Returns {holds (1/0), epoch, holder, granted (1/0)}, and on a grant the previous holder and ms since its last renewal.
/// </summary>
public static class LeaseScript
{
    // KEYS: 1 lease hash. ARGV: 1 caller, 2 now ms, 3 ttl ms, 4 release ('1' / '0')
    public const string Text = """
        local holder = redis.call('HGET', KEYS[1], 'holder')
        local epoch = tonumber(redis.call('HGET', KEYS[1], 'epoch') or '0')
        local seen = tonumber(redis.call('HGET', KEYS[1], 'holder_seen_ms') or '0')
        local released = redis.call('HGET', KEYS[1], 'released') == '1'
        local now, ttl = tonumber(ARGV[2]), tonumber(ARGV[3])
        if holder == ARGV[1] and not released then
          if ARGV[4] == '1' then
            redis.call('HSET', KEYS[1], 'released', '1', 'released_ms', ARGV[2])
            return {0, epoch, holder, 0}
          end
          redis.call('HSET', KEYS[1], 'holder_seen_ms', ARGV[2])
          return {1, epoch, holder, 0}
        end
        local alive = holder and not released and now - seen < ttl
        if alive or ARGV[4] == '1' then
          local standbyEpoch = 0
          if redis.call('HGET', KEYS[1], 'standby') == ARGV[1] then
            standbyEpoch = redis.call('HGET', KEYS[1], 'standby_epoch') or 0
          end
          redis.call('HSET', KEYS[1], 'standby', ARGV[1], 'standby_seen_ms', ARGV[2], 'standby_epoch', standbyEpoch)
          return {0, epoch, holder or '', 0}
        end
        epoch = epoch + 1
        redis.call('HSET', KEYS[1], 'holder', ARGV[1], 'epoch', epoch, 'holder_seen_ms', ARGV[2], 'granted_ms', ARGV[2], 'released', '0')
        if holder and holder ~= ARGV[1] then
          redis.call('HSET', KEYS[1], 'last_failover_ms', ARGV[2], 'last_failover_from', holder, 'last_failover_to', ARGV[1],
            'last_failover_duration_ms', now - seen, 'standby', holder, 'standby_seen_ms', seen, 'standby_epoch', epoch - 1)
          redis.call('HINCRBY', KEYS[1], 'failovers', 1)
        elseif redis.call('HGET', KEYS[1], 'standby') == ARGV[1] then
          redis.call('HDEL', KEYS[1], 'standby', 'standby_seen_ms', 'standby_epoch')
        end
        return {1, epoch, ARGV[1], 1, holder or '', now - seen}
        """;
}
