using StackExchange.Redis;

namespace QuotePlatform.Streams;

/// <summary>
/// The Redis replies the services expect and handle, recognised in one place. Redis reports them only
/// as text: the error code is the reply's first word.
/// </summary>
public static class RedisErrors
{
    /// <summary>XGROUP CREATE of a group that exists already.</summary>
    public static bool IsGroupExists(RedisServerException ex) =>
        ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal);

    /// <summary>A consumer group, or the stream it would belong to, does not exist.</summary>
    public static bool IsGroupMissing(RedisServerException ex) =>
        ex.Message.StartsWith("NOGROUP", StringComparison.Ordinal)
        || ex.Message.Contains("no such key", StringComparison.OrdinalIgnoreCase);
}
