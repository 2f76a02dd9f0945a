namespace QuotePlatform.Relay.Leases;

/// <summary>
/// Fencing where the data is written: beside each stream the relay writes (in the stream's Redis
/// Cluster slot) a key holds the newest lease epoch of each feed seen there. A write under an older
/// epoch is refused in the same atomic step as the write itself, so an old holder cannot slip a
/// batch in after a standby took over. Any script that writes a feed's data starts with <see cref="Check"/>.
/// </summary>
public static class FenceScript
{
    /// <summary>
    /// Lua that returns -1 (fenced) when ARGV[epochArgument] is older than KEYS[fenceKey], and raises
    /// the fence to a newer epoch; epoch 0 (an ingest without a feed) is never fenced.
    /// </summary>
    public static string Check(int fenceKey, int epochArgument) => $$"""
        local epoch = tonumber(ARGV[{{epochArgument}}])
        if epoch > 0 then
          local fence = tonumber(redis.call('GET', KEYS[{{fenceKey}}]) or '0')
          if epoch < fence then return -1 end
          if epoch > fence then redis.call('SET', KEYS[{{fenceKey}}], ARGV[{{epochArgument}}]) end
        end
        """;

    /// <summary>Raises one fence to the epoch just granted. KEYS: 1 fence. ARGV: 1 epoch.</summary>
    public static readonly string Raise = Check(1, 1) + "\nreturn 1";

    /// <summary>XADD under the fence. KEYS: 1 fence, 2 stream. ARGV: 1 epoch, then field, value pairs. Returns 1, or -1 when fenced.</summary>
    public static readonly string Add = Check(1, 1) + """

        redis.call('XADD', KEYS[2], '*', unpack(ARGV, 2))
        return 1
        """;

    /// <summary>Keeps the latest stored frame per period. KEYS: 1 stored hash. ARGV: period, frame ms pairs.</summary>
    public const string MarkStored = """
        for i = 1, #ARGV, 2 do
          local stored = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
          if stored < tonumber(ARGV[i + 1]) then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
        end
        return 1
        """;
}
