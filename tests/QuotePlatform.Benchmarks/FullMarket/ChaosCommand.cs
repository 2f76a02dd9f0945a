using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Testing.FullMarket.Chaos;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>
/// `scripts/dev.sh chaos`: every fault of the suite against the deployed chain, each reconciled per
/// (symbol, period, frame) against the offline engine. Usage: chaos [name-filter] [outageSeconds=60] [timeoutMinutes=6]
/// </summary>
public sealed class ChaosCommand : IBenchmarkCommand
{
    // Hot standby: how long the active ingest's connection to the relay stays cut.
    private static readonly TimeSpan FailoverCut = TimeSpan.FromSeconds(30);

    public string Name => "chaos";

    public string Description => "fault-injection suite: kills, restarts, outages, slow and cut links, duplicates, poison, failover [filter] [outageSeconds=60]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var filter = args.Length > 0 ? args[0] : "";
        var outage = TimeSpan.FromSeconds(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 60);
        var market = new ChaosOptions();
        var outcomes = new List<ChaosOutcome>();
        var failed = 0;
        Console.WriteLine($"chaos: {market.Symbols} symbols, the first {market.Pushes} pushes of the day, fault after {market.FaultAfterBatches} acknowledged batches");
        foreach (var scenario in ChaosScenarios.All(market, outage).Where(s => s.Name.Contains(filter, StringComparison.OrdinalIgnoreCase)))
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var outcome = await scenario.RunAsync(TimeSpan.FromMinutes(args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 6));
                outcomes.Add(outcome);
                failed += outcome.Passed ? 0 : 1;
                Console.WriteLine($"{outcome} ({clock.Elapsed.TotalSeconds:F0} s)");
                foreach (var error in outcome.Errors.Take(5))
                {
                    Console.WriteLine($"    unexpected error line: {error}");
                }
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
            {
                failed++;
                Console.WriteLine($"{scenario.Name,-34} FAIL {ex.Message}");
            }
        }

        if (IngestKillScenario.Name.Contains(filter, StringComparison.OrdinalIgnoreCase))
        {
            var clock = Stopwatch.StartNew();
            try
            {
                var outcome = await IngestKillScenario.RunAsync(market, speed: 100, TimeSpan.FromMinutes(6));
                outcomes.Add(outcome);
                failed += outcome.Passed ? 0 : 1;
                Console.WriteLine($"{outcome} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
            {
                failed++;
                Console.WriteLine($"{IngestKillScenario.Name,-34} FAIL {ex.Message}");
            }
        }

        foreach (var fault in Enum.GetValues<FailoverScenario.Fault>())
        {
            var name = FailoverScenario.NameOf(fault, FailoverCut);
            if (!name.Contains(filter, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var clock = Stopwatch.StartNew();
            try
            {
                var outcome = await FailoverScenario.RunAsync(market, fault, FailoverCut, speed: 100, TimeSpan.FromMinutes(6));
                outcomes.Add(outcome);
                failed += outcome.Passed ? 0 : 1;
                Console.WriteLine($"{outcome} ({clock.Elapsed.TotalSeconds:F0} s)");
            }
            catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or IOException)
            {
                failed++;
                Console.WriteLine($"{name,-34} FAIL {ex.Message}");
            }
        }

        Console.WriteLine($"chaos: {outcomes.Count(o => o.Passed)} of {outcomes.Count + (failed - outcomes.Count(o => !o.Passed))} faults with 0 lost, 0 doubled, values equal; failed {failed}");
    }
}
