using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Testing.FullMarket.Cluster;
using QuotePlatform.Benchmarks.Qmt;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.History;

/// <summary>
/// A month of the whole simulated market imported from the terminal: the ingest service's `backfill`
/// verb (pythonnet, simulated xtdata) → relay process → Redis → storage writer process → ClickHouse.
/// Reconciles what the import sent (per period, from its report) and the simulator's own history (its
/// symbol-days with bars, read through xtdata) with the distinct bars stored, and counts visible
/// duplicates. Prints seconds, bars/s and the ingest's peak RSS.
/// Usage: history [symbols=0 (whole market)] [from=2025-05-06] [to=2025-06-06].
/// </summary>
public sealed class HistoryCommand : IBenchmarkCommand
{
    public string Name => "history";

    public string Description => "a month of the whole market imported from the simulated terminal into ClickHouse; reconciled [symbols] [from] [to]";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var symbols = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 0;
        var from = args.Length > 1 ? args[1] : "2025-05-06";
        var to = args.Length > 2 ? args[2] : "2025-06-06";
        // Minute bars of 2025 are far beyond the default 30-day retention: keep them for this run.
        var keep = new Dictionary<string, string>
        {
            ["Storage:OneMinuteRetention"] = "3650.00:00:00",
            ["Storage:FiveMinutesRetention"] = "3650.00:00:00",
            ["Storage:FifteenMinutesRetention"] = "3650.00:00:00",
        };
        await using var pipeline = await BenchPipeline.StartAsync(new PipelineSettings
        {
            Redis = TestServers.Redis,
            ClickHouseUrl = TestServers.ClickHouseUrl,
            Relay = PipelineSettings.QuietRelay,
            Writer = keep,
        });
        var spool = Directory.CreateTempSubdirectory("qp-bench-history-").FullName;
        var liveDay = DateOnly.ParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture).AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var clock = Stopwatch.StartNew();
        await using var ingest = await ServiceProcess.StartAsync(
            "QuotePlatform.Ingest",
            new Dictionary<string, string>
            {
                ["Ingest__Qmt__PythonDll"] = BenchmarkPython.PythonDll,
                ["Ingest__Qmt__ModuleSearchPaths__0"] = BenchmarkPython.SimulatorFolder,
                ["Ingest__Spool__Directory"] = spool,
                ["Ingest__Relay__Url"] = pipeline.Relay.Address.ToString(),
                ["Ingest__Relay__ApiKey"] = pipeline.ApiKey,
                ["XTSIM_DAY"] = liveDay,
                ["XTSIM_SYMBOLS"] = symbols.ToString(CultureInfo.InvariantCulture),
            },
            http2Only: false,
            readyTimeout: TimeSpan.Zero,
            arguments: ["backfill", "--from", from, "--to", to]);
        var peakRss = new PeakRss(ingest.ProcessId);
        var sampling = peakRss.RunAsync(cancellationToken);
        var exit = await ingest.WaitForExitAsync(TimeSpan.FromHours(1));
        var acked = clock.Elapsed;
        peakRss.Stop();
        await sampling;
        if (exit != 0)
        {
            throw new InvalidOperationException($"the import exited {exit}:\n{ingest.Output}\n{pipeline.Logs}");
        }

        var report = ingest.Output.Split('\n').Where(line => line.StartsWith("history import", StringComparison.Ordinal) || line.StartsWith("  ", StringComparison.Ordinal)).ToList();
        var sent = SentPerPeriod(report);
        var expected = sent.Values.Sum();
        long stored = 0;
        while (clock.Elapsed < acked + TimeSpan.FromMinutes(10))
        {
            stored = await pipeline.ScalarAsync("SELECT count() FROM bars FINAL");
            if (stored >= expected)
            {
                break;
            }

            if (pipeline.Writer.HasExited)
            {
                throw new InvalidOperationException($"the storage writer exited with {stored:N0} of {expected:N0} bars stored:\n{Tail(pipeline.Writer.Output, 200)}");
            }

            await Task.Delay(500, cancellationToken);
        }

        var elapsed = clock.Elapsed;
        var distinct = await pipeline.ScalarAsync("SELECT uniqExact(symbol, period, frame) FROM bars FINAL");
        var missing = 0L;
        foreach (var (period, count) in sent)
        {
            missing += Math.Max(0, count - await pipeline.ScalarAsync($"SELECT uniqExact(symbol, frame) FROM bars FINAL WHERE period = {period}"));
        }

        // The simulator's own history, asked through xtdata as a user would: the symbol-days that have
        // bars (a suspended day has none). Each must be stored as a daily bar.
        var simulatorDays = await SimulatorDaysWithBarsAsync(from, to, liveDay, symbols, cancellationToken);
        var storedDays = await pipeline.ScalarAsync("SELECT uniqExact(symbol, frame) FROM bars FINAL WHERE period = 6");
        missing += Math.Max(0, simulatorDays - storedDays);

        Console.WriteLine(string.Join('\n', report));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"simulator history: {simulatorDays:N0} symbol-days with bars; {storedDays:N0} daily bars stored"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"""
            relay acknowledged every batch after {acked.TotalSeconds:F1} s; every bar stored after {elapsed.TotalSeconds:F1} s
            throughput: {expected / elapsed.TotalSeconds:N0} bars/s end to end; ingest peak RSS {peakRss.PeakBytes / (1024.0 * 1024.0):N0} MiB
            history import: {elapsed.TotalSeconds:F1} s, {distinct:N0} bars, missing {missing:N0}, duplicates {stored - distinct:N0}
            """));
        Directory.Delete(spool, recursive: true);
    }

    private static async Task<long> SimulatorDaysWithBarsAsync(string from, string to, string liveDay, int symbols, CancellationToken cancellationToken)
    {
        var script = $$"""
            from xtquant import xtdata
            xtdata.connect()
            codes = xtdata.get_stock_list_in_sector('沪深A股')
            bars = xtdata.get_market_data_ex(['close'], codes, period='1d', start_time='{{from.Replace("-", "", StringComparison.Ordinal)}}', end_time='{{to.Replace("-", "", StringComparison.Ordinal)}}')
            print(sum(len(frame) for frame in bars.values()))
            """;
        var start = new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONPATH"] = BenchmarkPython.SimulatorFolder;
        start.Environment["XTSIM_DAY"] = liveDay;
        start.Environment["XTSIM_SYMBOLS"] = symbols.ToString(CultureInfo.InvariantCulture);
        using var python = Process.Start(start)!;
        var output = python.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = python.StandardError.ReadToEndAsync(cancellationToken);
        await python.WaitForExitAsync(cancellationToken);
        return python.ExitCode == 0
            ? long.Parse((await output).Trim(), CultureInfo.InvariantCulture)
            : throw new InvalidOperationException($"reading the simulator's history failed:\n{await error}");
    }

    private static string Tail(string text, int lines) => string.Join('\n', text.Split('\n').TakeLast(lines));

    private static Dictionary<int, long> SentPerPeriod(IEnumerable<string> report)
    {
        var labels = new[] { "1m", "5m", "15m", "30m", "60m", "1d" };
        var sent = new Dictionary<int, long>();
        foreach (var line in report)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var period = Array.IndexOf(labels, parts.FirstOrDefault());
            if (period >= 0 && parts.Length > 2 && parts[2] == "sent,")
            {
                sent[period + 1] = long.Parse(parts[1], NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
            }
        }

        return sent;
    }

    /// <summary>The process's peak resident set (VmHWM), read until it stops.</summary>
    private sealed class PeakRss(int pid)
    {
        private readonly CancellationTokenSource _stop = new();

        public long PeakBytes { get; private set; }

        public void Stop() => _stop.Cancel();

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            while (!linked.IsCancellationRequested)
            {
                try
                {
                    var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
                    if (line is not null)
                    {
                        PeakBytes = Math.Max(PeakBytes, long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024);
                    }
                }
                catch (IOException)
                {
                    return; // the process has ended
                }

                await Task.Delay(200, CancellationToken.None);
            }
        }
    }
}
