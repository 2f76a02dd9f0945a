namespace QuotePlatform.Benchmarks;

/// <summary>
/// A benchmark that drives real servers and prints its own figures (rows/s, latency percentiles).
/// Found by reflection: add a class, and `quote-bench NAME` runs it.
/// </summary>
public interface IBenchmarkCommand
{
    string Name { get; }

    string Description { get; }

    Task RunAsync(string[] args, CancellationToken cancellationToken);
}
