using System.Diagnostics;
using QuotePlatform.ContractMapping;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Testing;
using QuotePlatform.TickSources;

namespace QuotePlatform.Ingest.Tests.Support;

/// <summary>
/// A simulated trading day written by `quote simulate` (the recorded format the Replay source reads),
/// and the final bars the bar engine makes of it offline: what must reach Redis, each exactly once.
/// </summary>
internal sealed class RecordedDay : IDisposable
{
    public const int Symbols = 30;

    private RecordedDay(string directory, string path, IReadOnlyList<string> expected, IReadOnlyDictionary<string, long> lastQuoteTimes)
    {
        Directory = directory;
        Path = path;
        ExpectedFinalBars = expected;
        LastQuoteTimes = lastQuoteTimes;
    }

    public string Directory { get; }

    public string Path { get; }

    /// <summary>Final bars of every period, as comparable keys, sorted.</summary>
    public IReadOnlyList<string> ExpectedFinalBars { get; }

    /// <summary>Per symbol, the time of its last tick the engine accepted: the quote the relay must hold last.</summary>
    public IReadOnlyDictionary<string, long> LastQuoteTimes { get; }

    public static async Task<RecordedDay> CreateAsync()
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("ingest-day-").FullName;
        var path = System.IO.Path.Combine(directory, "ticks.jsonl");
        var quote = TestRepository.PathOf($"services/QuotePlatform.Cli/bin/{Configuration}/net10.0/quote.dll");
        using var simulate = Process.Start(new ProcessStartInfo("dotnet")
        {
            ArgumentList = { quote, "simulate", "--date", "2025-06-06", "--symbols", $"{Symbols}", "--seed", "3", "--out", path },
            RedirectStandardError = true,
        })!;
        var error = await simulate.StandardError.ReadToEndAsync();
        await simulate.WaitForExitAsync();
        Assert.True(simulate.ExitCode == 0, $"quote simulate failed: {error}");
        var (expected, lastQuoteTimes) = Offline(path);
        return new RecordedDay(directory, path, expected, lastQuoteTimes);
    }

    public static string Key(Contracts.MarketData.V1.Bar bar) =>
        FormattableString.Invariant($"{bar.Symbol} {bar.Period} {bar.FrameUnixMs} {bar.Open} {bar.High} {bar.Low} {bar.Close} {bar.VolumeShares} {bar.AmountCny} {bar.QualityFlags}");

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);

    // The engine as `quote synth` runs it: the watermark is the market's latest tick time, before each tick.
    private static (List<string> FinalBars, Dictionary<string, long> LastQuoteTimes) Offline(string path)
    {
        var sink = new Collector();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, new RollupAggregator(sink, BarPeriods.All));
        var names = new Dictionary<int, string>();
        var lastQuoteTimes = new Dictionary<string, long>(StringComparer.Ordinal);
        var parser = new XtQuantPayloadParser(symbol =>
        {
            var handle = engine.GetHandle(symbol);
            names.TryAdd(handle, symbol.ToString());
            return handle;
        });
        var ticks = new List<SymbolTick>();
        using var file = File.OpenRead(path);
        var reader = new JsonLineReader(file);
        var watermark = long.MinValue;
        while (reader.TryReadLine(out var line))
        {
            Assert.Null(parser.Parse(line, ticks));
            foreach (var (handle, tick) in ticks)
            {
                if (handle >= 0 && tick.TimeUnixMs > watermark)
                {
                    watermark = tick.TimeUnixMs;
                    engine.AdvanceWatermark(watermark);
                }

                if (engine.OnTick(handle, tick).IsAccepted())
                {
                    lastQuoteTimes[names[handle]] = tick.TimeUnixMs;
                }
            }
        }

        engine.Flush();
        sink.Keys.Sort(StringComparer.Ordinal);
        return (sink.Keys, lastQuoteTimes);
    }

    private static string Configuration => new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;

    private sealed class Collector : IBarSink
    {
        public List<string> Keys { get; } = [];

        public void OnBar(in Bar bar)
        {
            if (bar.Final)
            {
                Keys.Add(Key(bar.ToContract()));
            }
        }

        public void OnDayClosed(long dayStartUnixMs)
        {
        }
    }
}
