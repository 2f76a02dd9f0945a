using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.ClickHouseLocal;

public sealed class ClickHouseLocalOptions : ISectionOptions, IValidatableObject
{
    public static string Section => "ClickHouseLocal";

    /// <summary>Path of libchdb.so, as printed by scripts/install-chdb.sh.</summary>
    [Required]
    public string LibraryPath { get; set; } = "";

    /// <summary>Persistent storage directory of the engine (its --path); created if missing.</summary>
    [Required]
    public string DataPath { get; set; } = "";

    /// <summary>Engine connections to the data path; each runs one statement at a time.</summary>
    [Range(1, 64)]
    public int PoolSize { get; set; } = 4;

    /// <summary>Largest request body read whole (queries other than streamed INSERT ... FORMAT).</summary>
    [Range(1024, int.MaxValue)]
    public int MaxQueryBodyBytes { get; set; } = 256 * 1024 * 1024;

    /// <summary>How long shutdown waits for running statements before closing the connections.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!File.Exists(LibraryPath))
        {
            yield return new ValidationResult(
                $"libchdb.so not found at '{LibraryPath}' (run scripts/install-chdb.sh, which prints its path)",
                [nameof(LibraryPath)]);
        }
    }
}
