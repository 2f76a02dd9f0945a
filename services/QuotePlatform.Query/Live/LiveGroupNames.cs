namespace QuotePlatform.Query.Live;

/// <summary>
/// Live subscribers' groups carry a prefix in Redis, so a client can never join (and steal
/// entries from) a service's own group such as the storage writer's.
/// </summary>
public static class LiveGroupNames
{
    public const string Prefix = "live:";

    public static string ToRedis(string clientGroup) => Prefix + clientGroup;

    public static bool IsLive(string redisGroup) => redisGroup.StartsWith(Prefix, StringComparison.Ordinal);
}
