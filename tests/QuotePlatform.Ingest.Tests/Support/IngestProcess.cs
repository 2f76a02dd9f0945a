using System.Globalization;
using QuotePlatform.Ingest.Tests.Qmt;
using QuotePlatform.Testing;

namespace QuotePlatform.Ingest.Tests.Support;

/// <summary>The built ingest service as its own process, replaying a recorded day or reading the simulated QMT, to a relay.</summary>
internal static class IngestProcess
{
    public static readonly TimeSpan ExitTimeout = TimeSpan.FromMinutes(3);

    public static Task<ServiceProcess> StartReplayAsync(
        RecordedDay day, Uri relay, string apiKey, string spool, double speed = 0, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ingest__Source"] = "Replay",
            ["Ingest__Replay__Path"] = day.Path,
            ["Ingest__Replay__Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Ingest__Spool__Directory"] = spool,
            ["Ingest__Relay__Url"] = relay.ToString(),
            ["Ingest__Relay__ApiKey"] = apiKey,
            ["Ingest__Relay__ProducerId"] = "ingest-test",
            ["Ingest__Relay__ReconnectMaxDelay"] = "00:00:01",
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        // A replay may be done (and exit) before its health endpoint is ever asked: do not wait for readiness.
        return ServiceProcess.StartAsync("QuotePlatform.Ingest", settings, http2Only: false, readyTimeout: TimeSpan.Zero);
    }

    /// <summary>
    /// Ingest:Source = Qmt: CPython through pythonnet running the simulated xtdata on 2025-06-06 from
    /// <paramref name="start"/> at <paramref name="speed"/>x, bars closed by the data's clock.
    /// </summary>
    public static Task<ServiceProcess> StartSimulatedQmtAsync(
        Uri relay, string apiKey, string spool, string start, int speed, int symbols, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ingest__Source"] = "Qmt",
            ["Ingest__BarClock"] = "Data",
            ["Ingest__Qmt__PythonDll"] = QmtTestSettings.PythonDll,
            ["Ingest__Qmt__ModuleSearchPaths__0"] = QmtTestSettings.SimulatorFolder,
            ["Ingest__Spool__Directory"] = spool,
            ["Ingest__Relay__Url"] = relay.ToString(),
            ["Ingest__Relay__ApiKey"] = apiKey,
            ["XTSIM_DAY"] = "2025-06-06",
            // No import of earlier days unless a test asks for it (GapFillTests).
            ["Ingest__Backfill__MaxDays"] = "0",
            ["XTSIM_START"] = start,
            ["XTSIM_SPEED"] = speed.ToString(CultureInfo.InvariantCulture),
            ["XTSIM_SYMBOLS"] = symbols.ToString(CultureInfo.InvariantCulture),
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return ServiceProcess.StartAsync("QuotePlatform.Ingest", settings, http2Only: false, TimeSpan.FromSeconds(90));
    }
}
