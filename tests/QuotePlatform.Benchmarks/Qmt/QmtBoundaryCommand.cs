using System.Diagnostics;
using System.Globalization;
using Python.Runtime;
using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Benchmarks.Qmt;

/// <summary>
/// Ticks/s across the pythonnet boundary: a full-market whole-quote payload (Python dicts, as
/// xtquant delivers them, taken from the simulator) handed again and again to the callback the QMT
/// source subscribes with: the bridge flattens it in Python, .NET copies and decodes it into
/// SourceTicks. The loop runs on one thread holding the GIL, as xtquant's thread does.
/// </summary>
public sealed class QmtBoundaryCommand : IBenchmarkCommand
{
    // Pushes come from a Python thread, as xtquant's callbacks do.
    private const string Loop = """
        import threading

        def deliver(callback, payload, times):
            def run():
                for _ in range(times):
                    callback(payload)
            thread = threading.Thread(target=run)
            thread.start()
            thread.join()
        """;

    public string Name => "qmt-boundary";

    public string Description => "ticks/s through pythonnet (bridge + decode), dict and list shapes; args: [symbols=5200] [pushes=20] [runs=5]";

    public Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var symbols = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5200;
        var pushes = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var runs = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5;
        using var runtime = BenchmarkPython.Start();
        BenchmarkPython.ConfigureSimulator(("symbols", symbols), ("speed", 0.0), ("start", "09:29:00"));
        using (Py.GIL())
        {
            using var xtdata = Py.Import("xtquant.xtdata");
            using var bridge = Py.Import("quoteplatform_bridge");
            var width = bridge.GetAttr("TICK_WIDTH").As<int>();
            using var scope = Py.CreateScope();
            scope.Exec(Loop);
            using var deliver = scope.Get("deliver");
            using var dictPayload = FullMarket(xtdata);
            using var listPayload = AsLists(dictPayload);
            long decoded = 0;
            var handler = new Func<long, long, long, long, bool>((codesAddress, codesLength, valuesAddress, valuesCount) =>
            {
                var (codes, values) = PackedReader.Read(codesAddress, codesLength, valuesAddress, valuesCount, width);
                decoded += PackedTicks.Decode(codes, values, width).Length;
                return true;
            });
            using var callback = bridge.InvokeMethod("tick_callback", handler.ToPython());
            var ticksPerPush = dictPayload.Length();
            Console.WriteLine($"payload: {ticksPerPush} ticks per push (full market), {pushes} pushes per run");
            foreach (var (shape, payload) in new[] { ("dict", dictPayload), ("list", listPayload) })
            {
                var rates = new List<double>();
                for (var run = 0; run < runs && !cancellationToken.IsCancellationRequested; run++)
                {
                    decoded = 0;
                    var clock = Stopwatch.StartNew();
                    deliver.Invoke(callback, payload, new PyInt(pushes)).Dispose();
                    clock.Stop();
                    rates.Add(decoded / clock.Elapsed.TotalSeconds);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{shape} run {run + 1}: {decoded / clock.Elapsed.TotalSeconds:N0} ticks/s ({decoded} ticks, {clock.Elapsed.TotalMilliseconds:F0} ms, {clock.Elapsed.TotalMilliseconds / pushes:F1} ms per full-market push)"));
                }

                rates.Sort();
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{shape}: median {rates[rates.Count / 2]:N0} ticks/s (goal >= 200,000)"));
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>get_full_tick of every code once the simulated market has traded a while.</summary>
    private static PyObject FullMarket(PyObject xtdata)
    {
        xtdata.InvokeMethod("connect").Dispose();
        using var market = new PyString("沪深A股");
        using var codes = xtdata.InvokeMethod("get_stock_list_in_sector", market);
        while (xtdata.InvokeMethod("sim_market_time_ms") is var time && (time.IsNone() || time.As<long>() % 86_400_000 < 5_460_000))
        {
            time.Dispose();
            var state = PythonEngine.BeginAllowThreads();
            Thread.Sleep(50);
            PythonEngine.EndAllowThreads(state);
        }

        var payload = xtdata.InvokeMethod("get_full_tick", codes);
        xtdata.InvokeMethod("sim_stop").Dispose(); // the market thread would compete for the GIL
        return payload;
    }

    private static PyObject AsLists(PyObject payload)
    {
        using var scope = Py.CreateScope();
        scope.Exec("def as_lists(payload):\n    return {code: [tick] for code, tick in payload.items()}\n");
        using var convert = scope.Get("as_lists");
        return convert.Invoke(payload);
    }
}
