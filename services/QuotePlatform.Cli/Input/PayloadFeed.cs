using System.Globalization;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.TickSources;

namespace QuotePlatform.Cli.Input;

/// <summary>
/// Feeds payload lines to the bar engine the way `synth` needs: the watermark is
/// the latest tick time of the whole market, advanced before each tick, so splitting the same ticks
/// differently across payloads gives the same bars. A tick read back from the archive (`quote ticks
/// --format jsonl`) carries the ingest engine's clock ("engineClock"): the watermark is advanced to it
/// too, so a tick that came after its bar closed goes into the next bar, as it did live.
/// Malformed lines are reported and skipped whole.
/// </summary>
internal sealed class PayloadFeed
{
    private readonly JsonLineReader _reader;
    private readonly XtQuantPayloadParser _parser;
    private readonly BarSynthesizer _engine;
    private readonly TextWriter _diagnostics;
    private readonly List<string> _symbols = [];
    private readonly List<SymbolTick> _ticks = [];
    private readonly List<TickBook>? _books;
    private long _watermark = long.MinValue;

    /// <param name="readBooks">Also parse the quote fields (open, order book) into <see cref="Books"/>.</param>
    public PayloadFeed(Stream payloads, BarSynthesizer engine, TextWriter diagnostics, bool readBooks = false)
    {
        _reader = new JsonLineReader(payloads);
        _engine = engine;
        _diagnostics = diagnostics;
        _books = readBooks ? [] : null;
        _parser = new XtQuantPayloadParser(Resolve);
    }

    public long Lines { get; private set; }

    public long MalformedLines { get; private set; }

    /// <summary>Ticks of the payload last read.</summary>
    public IReadOnlyList<SymbolTick> Ticks => _ticks;

    /// <summary>Quote fields of <see cref="Ticks"/>, index for index (empty unless asked for).</summary>
    public IReadOnlyList<TickBook> Books => (IReadOnlyList<TickBook>?)_books ?? [];

    public string SymbolOf(int handle) => _symbols[handle];

    /// <summary>Reads the next well-formed payload into <see cref="Ticks"/>; false at the end of the input.</summary>
    public bool ReadPayload()
    {
        while (_reader.TryReadLine(out var line))
        {
            Lines++;
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (_parser.Parse(line, _ticks, _books) is { } error)
            {
                MalformedLines++;
                _diagnostics.WriteLine(string.Create(CultureInfo.InvariantCulture, $"line {Lines}: malformed, skipped: {error}"));
                continue;
            }

            return true;
        }

        return false;
    }

    /// <summary>Gives the engine the ticks of the payload last read.</summary>
    public void Apply()
    {
        for (var i = 0; i < _ticks.Count; i++)
        {
            var (handle, tick) = _ticks[i];
            var clock = Math.Max(tick.TimeUnixMs, _parser.Clocks[i]);
            if (handle >= 0 && clock > _watermark)
            {
                _watermark = clock;
                _engine.AdvanceWatermark(_watermark);
            }

            _engine.OnTick(handle, tick);
        }
    }

    private int Resolve(ReadOnlySpan<char> symbol)
    {
        var handle = _engine.GetHandle(symbol);
        if (handle == _symbols.Count)
        {
            _symbols.Add(symbol.ToString());
        }

        return handle;
    }
}
