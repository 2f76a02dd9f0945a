using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>
/// Hot standby's test bed: two simulated terminals of one market (two processes, the same seed and
/// clock anchor), the second a few milliseconds behind, deliver the same pushes.
/// </summary>
public sealed class SimulatorTwinTests(ITestOutputHelper output)
{
    // Records the first pushes of a whole-quote subscription: arrival (wall clock) and a digest of the payload.
    private const string Recorder = """
        import hashlib, json, threading, time
        from xtquant import xtdata
        pushes, done = [], threading.Event()
        def on_push(data):
            pushes.append((time.time(), hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()))
            if len(pushes) >= 8:
                done.set()
        xtdata.connect()
        xtdata.subscribe_whole_quote(["SH", "SZ"], on_push)
        done.wait(120)
        xtdata.sim_stop()
        print(json.dumps(pushes))
        """;

    [Fact]
    public async Task TwoTerminals_SameSeedAndClockAnchor_SamePushesSecondSlightlyLater()
    {
        // Far enough ahead that both have built their market before the first push is due.
        var anchor = TimeProvider.System.GetUtcNow().AddSeconds(20).ToUnixTimeMilliseconds();

        var terminals = await Task.WhenAll(RecordAsync(anchor, lagMs: 0), RecordAsync(anchor, lagMs: 15));

        var (first, second) = (terminals[0], terminals[1]);
        Assert.Equal(8, first.Count);
        Assert.Equal(first.Select(p => p.Digest), second.Select(p => p.Digest));
        var apart = first.Zip(second, (a, b) => (b.At - a.At) * 1000).Order().ToList();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"second terminal behind by {apart[apart.Count / 2]:F1} ms (median of {apart.Count} pushes)"));
    }

    private static async Task<List<(double At, string Digest)>> RecordAsync(long anchor, int lagMs)
    {
        var start = new ProcessStartInfo("python3", ["-c", Recorder]) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.Environment["PYTHONPATH"] = QmtTestSettings.SimulatorFolder;
        start.Environment["XTSIM_DAY"] = "2025-06-06";
        start.Environment["XTSIM_START"] = "09:30:00";
        start.Environment["XTSIM_SPEED"] = "60";
        start.Environment["XTSIM_SYMBOLS"] = "40";
        start.Environment["XTSIM_SEED"] = "7";
        start.Environment["XTSIM_CLOCK_ANCHOR_MS"] = anchor.ToString(CultureInfo.InvariantCulture);
        start.Environment["XTSIM_LAG_MS"] = lagMs.ToString(CultureInfo.InvariantCulture);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, await errors);
        return [.. JsonSerializer.Deserialize<JsonElement[][]>(text)!.Select(p => (p[0].GetDouble(), p[1].GetString()!))];
    }
}
