namespace QuotePlatform.Query.Live;

internal static partial class LiveLog
{
    [LoggerMessage(1, LogLevel.Information, "Live subscription {Consumer} of group {Group} ({Mode}) on {Shards} shards, {Redelivering} entries to redeliver")]
    public static partial void Subscribed(ILogger logger, string consumer, string group, string mode, int shards, long redelivering);

    [LoggerMessage(2, LogLevel.Information, "Live subscription {Consumer} of group {Group} ended: {Delivered} entries delivered, {Acked} acknowledged")]
    public static partial void Ended(ILogger logger, string consumer, string group, long delivered, long acked);

    [LoggerMessage(3, LogLevel.Warning, "Entry {Id} of {Stream} is not a bar entry and is skipped (acknowledged)")]
    public static partial void BadEntry(ILogger logger, string stream, string id, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Live consumer {Consumer} of group {Group} stopped by an administrator: {Moved} unacknowledged entries handed to [{MovedTo}], {Kept} kept")]
    public static partial void Stopped(ILogger logger, string consumer, string group, long moved, string movedTo, long kept);

    [LoggerMessage(5, LogLevel.Warning, "Live subscription {Consumer} of group {Group}: Redis failed, retrying")]
    public static partial void RedisFailed(ILogger logger, string consumer, string group, Exception exception);
}
