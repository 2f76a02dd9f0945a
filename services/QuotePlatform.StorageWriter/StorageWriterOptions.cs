using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.StorageWriter;

public sealed class StorageWriterOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "StorageWriter";

    [Required]
    public string Group { get; set; } = "storage-writer";

    /// <summary>Empty: the pod or host name (POD_NAME, HOSTNAME, machine name). Unique per instance.</summary>
    public string ConsumerName { get; set; } = "";

    /// <summary>Entries asked per shard per XREADGROUP; an entry holds one producer batch's bars of that shard.</summary>
    [Range(1, 10_000)]
    public int ReadCount { get; set; } = 32;

    /// <summary>
    /// Insert once this many bars are in hand. ClickHouse wants few large inserts (each creates a
    /// part, and sorting is per insert); 100,000 rows is ~10 MB: measured here, 166 k-row inserts ran
    /// 20 % faster than 50 k-row ones, while memory and the cost of a retried insert stay small.
    /// </summary>
    [Range(1, 10_000_000)]
    public int MaxBatchRows { get; set; } = 100_000;

    /// <summary>
    /// Or once the oldest entry in hand is this old. Bars arrive in a burst at each minute end
    /// (the relay writes a full market in a few ms); 100 ms still gathers the burst into one or two
    /// inserts yet keeps XADD-to-visible (age + poll + insert) under the 500 ms goal.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxBatchAge { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>StackExchange.Redis cannot block on XREADGROUP: poll, doubling the pause while idle.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan MinPollDelay { get; set; } = TimeSpan.FromMilliseconds(5);

    [Range(typeof(TimeSpan), "00:00:00.001", "00:00:10")]
    public TimeSpan MaxPollDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Entries pending this long are taken over (XAUTOCLAIM): their consumer is presumed dead.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClaimMinIdle { get; set; } = TimeSpan.FromSeconds(30);

    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan ClaimInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>An entry that fails on its Nth delivery goes to the dead-letter table.</summary>
    [Range(1, 1000)]
    public int MaxDeliveries { get; set; } = 5;

    /// <summary>How often to try again while ClickHouse is unavailable (the batch stays in hand, nothing is read).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00")]
    public TimeSpan UnavailableRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the circuit stays open after ClickHouse failed repeatedly.</summary>
    [Range(typeof(TimeSpan), "00:00:00.500", "00:10:00")]
    public TimeSpan CircuitBreakDuration { get; set; } = TimeSpan.FromSeconds(5);

    [Range(1, 20)]
    public int InsertRetries { get; set; } = 3;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan ReportInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>On shutdown, how long to try storing the batch in hand before leaving it pending.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How often the writer checks for an administrator's "stop consumer" request.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:10:00")]
    public TimeSpan StopCheckInterval { get; set; } = TimeSpan.FromSeconds(1);

    public string ResolvedConsumerName() =>
        ConsumerName is { Length: > 0 } name ? name
        : Environment.GetEnvironmentVariable("POD_NAME") is { Length: > 0 } pod ? pod
        : Environment.GetEnvironmentVariable("HOSTNAME") is { Length: > 0 } host ? host
        : Environment.MachineName;

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MinPollDelay > MaxPollDelay)
        {
            yield return new ValidationResult($"must not exceed MaxPollDelay ({MaxPollDelay})", [nameof(MinPollDelay)]);
        }
    }
}
