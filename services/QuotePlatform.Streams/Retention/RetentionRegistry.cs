using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Validation;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Retention;

/// <summary>
/// Where the storage writers say how long the store keeps each period, so that the relay can refuse
/// a bar the store would drop before it acknowledges it. One hash, written by each writer as it
/// starts (after applying the TTL) and read by the relays.
/// </summary>
public sealed class RetentionRegistry(IConnectionMultiplexer redis, StreamKeys keys)
{
    public Task PublishAsync(RetentionLimits limits) =>
        redis.GetDatabase().HashSetAsync(keys.Retention, [.. limits.All.Select(l =>
            new HashEntry((int)l.Period, string.Create(CultureInfo.InvariantCulture, $"{l.Days}|{l.Setting}")))]);

    /// <summary>The limits published, or null when no writer has published any yet.</summary>
    public async Task<RetentionLimits?> ReadAsync()
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(keys.Retention);
        var limits = new List<(BarPeriod, int, string)>();
        foreach (var entry in entries)
        {
            var text = (string?)entry.Value ?? "";
            var bar = text.IndexOf('|', StringComparison.Ordinal);
            if (entry.Name.TryParse(out int period) && bar > 0
                && int.TryParse(text.AsSpan(0, bar), NumberStyles.None, CultureInfo.InvariantCulture, out var days))
            {
                limits.Add(((BarPeriod)period, days, text[(bar + 1)..]));
            }
        }

        return limits.Count == 0 ? null : new RetentionLimits(limits);
    }
}
