using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.TickSources;

namespace QuotePlatform.Ingest.Tests.Qmt;

[Collection(PythonCollection.Name)]
public sealed class QmtRecordingTests(PythonFixture python) : IDisposable
{
    private const string Day = "2025-06-06";
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"qmt-recording-{Guid.NewGuid():N}.jsonl");

    [Fact]
    public async Task RunAsync_RecordPathSet_ReplayParserReadsBackEveryTickReceived()
    {
        Simulator.Configure(("day", Day), ("symbols", 50), ("speed", 120.0), ("start", "10:29:00"), ("seed", 21));
        List<TickPush> received;
        await using (var harness = new QmtHarness(python.Runtime, ("RecordPath", _path)))
        {
            harness.Start();
            await harness.WaitUntilAsync(pushes => pushes.Count >= 5, "five pushes");
            received = harness.Received;
        }

        // Stopped: every push the source delivered is on disk (it may have recorded more since).
        var recorded = ReadBack(_path);
        var expected = received.SelectMany(push => push.Ticks).Select(Describe).ToList();
        Assert.True(recorded.Count >= expected.Count, $"{recorded.Count} recorded, {expected.Count} received");
        Assert.Equal(expected, recorded.Take(expected.Count));
    }

    public void Dispose() => File.Delete(_path);

    /// <summary>The file through the replay source's parser (the `quote synth` format).</summary>
    private static List<string> ReadBack(string path)
    {
        using var file = File.OpenRead(path);
        var reader = new JsonLineReader(file);
        var symbols = new List<string>();
        var parser = new XtQuantPayloadParser(symbol =>
        {
            symbols.Add(symbol.ToString());
            return symbols.Count - 1;
        });
        var ticks = new List<SymbolTick>();
        var books = new List<TickBook>();
        var lines = new List<string>();
        var number = 0;
        while (reader.TryReadLine(out var line))
        {
            number++;
            Assert.True(parser.Parse(line, ticks, books) is null, $"line {number} does not parse");
            lines.AddRange(ticks.Select((tick, i) => Describe(new SourceTick(symbols[tick.Handle], tick.Tick, books[i]))));
        }

        return lines;
    }

    private static string Describe(SourceTick t) =>
        $"{t.Symbol} {t.Tick} {t.Book.Open} [{string.Join(',', t.Book.BidPrices)}] [{string.Join(',', t.Book.BidVolumes)}] [{string.Join(',', t.Book.AskPrices)}] [{string.Join(',', t.Book.AskVolumes)}]";
}
