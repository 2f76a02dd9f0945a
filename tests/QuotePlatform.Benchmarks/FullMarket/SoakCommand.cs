using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// Memory soak: the simulated full market live for 30 minutes; RSS of every service sampled every
/// 10 s; growth after a 10-minute warm-up (goal within 10%: by then the forming streams have aged out
/// and the final streams reached the bench relay's bound, see PipelineSettings.QuietRelay); errors in the logs (goal none).
/// Usage: soak [minutes=30] [symbols=5200] [warmupMinutes=10] [Ingest:Key=value ...] (settings passed to the ingest).
/// </summary>
public sealed class SoakCommand : IBenchmarkCommand
{
    public string Name => "soak";

    public string Description => "memory soak: the full market live for 30 min, RSS growth after warm-up, errors [minutes=30] [symbols] [warmup=10] [Ingest:Key=value ...]";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (positional, ingest) = LiveRun.SplitArguments(args);
        var minutes = positional.Length > 0 ? double.Parse(positional[0], CultureInfo.InvariantCulture) : 30;
        var symbols = positional.Length > 1 ? int.Parse(positional[1], CultureInfo.InvariantCulture) : 5_200;
        var warmUp = positional.Length > 2 ? double.Parse(positional[2], CultureInfo.InvariantCulture) : 10;
        return LiveRun.RunAsync(TimeSpan.FromMinutes(minutes), symbols, TimeSpan.FromMinutes(warmUp), TimeSpan.FromSeconds(10), ingest, cancellationToken);
    }
}
