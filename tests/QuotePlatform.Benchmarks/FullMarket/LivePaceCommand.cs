using System.Globalization;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// The simulated full market in real time for N minutes: bar close to queryable p99 (goal 500 ms)
/// and push to latest-quote-visible p99 (goal 100 ms). Usage: live-pace [minutes=5] [symbols=5200]
/// </summary>
public sealed class LivePaceCommand : IBenchmarkCommand
{
    public string Name => "live-pace";

    public string Description => "the full market in real time: close-to-queryable and quote-visible p99 [minutes=5] [symbols=5200]";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var minutes = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5;
        var symbols = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 5_200;
        return LiveRun.RunAsync(TimeSpan.FromMinutes(minutes), symbols, warmUp: TimeSpan.FromMinutes(Math.Min(2, minutes / 3)), TimeSpan.FromSeconds(5), cancellationToken);
    }
}
