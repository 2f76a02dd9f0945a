using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// The simulated full market in real time for N minutes: bar close to queryable p99 (goal 500 ms)
/// and push to latest-quote-visible p99 (goal 100 ms), through the ingest service.
/// Usage: live-pace [minutes=5] [symbols=5200] [Ingest:Key=value ...] (settings passed to the ingest).
/// </summary>
public sealed class LivePaceCommand : IBenchmarkCommand
{
    public string Name => "live-pace";

    public string Description => "the full market in real time: close-to-queryable and quote-visible p99 [minutes=5] [symbols=5200] [Ingest:Key=value ...]";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (positional, ingest) = LiveRun.SplitArguments(args);
        var minutes = positional.Length > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 5;
        var symbols = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 5_200;
        return LiveRun.RunAsync(TimeSpan.FromMinutes(minutes), symbols, warmUp: TimeSpan.FromMinutes(Math.Min(2, minutes / 3)), TimeSpan.FromSeconds(5), ingest, cancellationToken);
    }
}
