using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Streams.Hosting;

/// <summary>
/// Shared by every service that reads or writes the bar streams: writers and readers must agree on
/// the shard count and key prefix, so both live in one section rather than in each service's own.
/// </summary>
public sealed class RedisStreamsOptions : ISectionOptions
{
    public static string Section => "Streams";

    /// <summary>Number of bar stream shards; changing it moves symbols to other shards.</summary>
    [Range(1, 1024)]
    public int ShardCount { get; set; } = 16;

    [Required]
    [RegularExpression("^[A-Za-z0-9_.-]+$", ErrorMessage = "use letters, digits, '_', '.', '-' only")]
    public string KeyPrefix { get; set; } = StreamKeys.DefaultPrefix;

    /// <summary>How often services publish their pipeline statistics (rates, errors, lag) for the admin API.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan StatsInterval { get; set; } = TimeSpan.FromSeconds(5);
}
