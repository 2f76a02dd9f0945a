using System.Text;

namespace QuotePlatform.Streams;

/// <summary>
/// Assigns a symbol to a shard with FNV-1a over its UTF-8 bytes: stable across processes,
/// machines and .NET versions (string.GetHashCode is randomized per process).
/// </summary>
public sealed class ShardRouter
{
    public ShardRouter(int shardCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(shardCount, 1);
        ShardCount = shardCount;
    }

    public int ShardCount { get; }

    public int ShardOf(string symbol)
    {
        const uint offsetBasis = 2166136261;
        const uint prime = 16777619;
        Span<byte> bytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(symbol.Length)];
        var length = Encoding.UTF8.GetBytes(symbol, bytes);
        var hash = offsetBasis;
        foreach (var b in bytes[..length])
        {
            hash = (hash ^ b) * prime;
        }

        return (int)(hash % (uint)ShardCount);
    }
}
