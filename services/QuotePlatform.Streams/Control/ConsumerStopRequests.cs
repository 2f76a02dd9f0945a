using StackExchange.Redis;

namespace QuotePlatform.Streams.Control;

/// <summary>
/// "Stop consumer" requests from the admin API. A consumer (storage writer, live subscription)
/// checks for its own request, finishes its batch, leaves its group and clears the request, so a
/// later process under the same name starts normally. An unanswered request expires after a day.
/// </summary>
public sealed class ConsumerStopRequests(IConnectionMultiplexer redis, StreamKeys keys, TimeProvider time)
{
    private static readonly TimeSpan Retention = TimeSpan.FromDays(1);

    private IDatabase Db => redis.GetDatabase();

    public async Task RequestAsync(string group, string consumer)
    {
        var key = keys.ConsumerStopRequests(group);
        await Db.HashSetAsync(key, consumer, time.GetUtcNow().ToUnixTimeMilliseconds());
        await Db.KeyExpireAsync(key, Retention);
    }

    public async Task<bool> IsRequestedAsync(string group, string consumer) =>
        await Db.HashExistsAsync(keys.ConsumerStopRequests(group), consumer);

    public async Task ClearAsync(string group, string consumer) =>
        await Db.HashDeleteAsync(keys.ConsumerStopRequests(group), consumer);

    /// <summary>Consumers of the group asked to stop that have not left yet.</summary>
    public async Task<HashSet<string>> PendingAsync(string group) =>
        [.. (await Db.HashKeysAsync(keys.ConsumerStopRequests(group))).Select(v => (string)v!)];
}
