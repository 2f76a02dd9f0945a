using QuotePlatform.Cli.Input;
using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Cli.Publishing;

/// <summary>
/// Collects what the engine produces into numbered batches: every final bar of the chosen periods,
/// the latest forming update per symbol and period, and the latest quote per symbol (older forming
/// updates and quotes in the same batch are superseded, so sending them would only cost bandwidth).
/// A batch is sealed when it holds <see cref="PublishSettings.BatchBars"/> bars or on <see cref="Seal"/>.
/// </summary>
internal sealed class BatchBuilder(PublishSettings settings, PublishSummary summary, TimeProvider time) : IBarSink
{
    private readonly HashSet<BarPeriod> _periods = [.. settings.Periods];
    private readonly Dictionary<(string Symbol, BarPeriod Period), Contracts.MarketData.V1.Bar> _forming = [];
    private readonly Dictionary<string, (MarketTick Tick, TickBook Book)> _quotes = new(StringComparer.Ordinal);
    private readonly Queue<PublishRequest> _sealed = new();
    private PublishRequest _current = new();
    private ulong _nextSequence = settings.FirstSequence;

    public void OnBar(in Bar bar)
    {
        if (!_periods.Contains(bar.Period))
        {
            return;
        }

        var key = (bar.Symbol, bar.Period);
        if (bar.Final)
        {
            _current.Bars.Add(WireMapping.ToContract(bar));
            summary.FinalBars[bar.Period] = summary.FinalBars.GetValueOrDefault(bar.Period) + 1;
            if (_forming.TryGetValue(key, out var forming) && forming.FrameUnixMs == bar.FrameUnixMs)
            {
                _forming.Remove(key);
            }
        }
        else
        {
            _forming[key] = WireMapping.ToContract(bar);
        }

        if (_current.Bars.Count + _forming.Count >= settings.BatchBars)
        {
            Seal();
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    public void AddQuote(string symbol, in MarketTick tick, TickBook book)
    {
        _quotes[symbol] = (tick, book);
        if (_quotes.Count >= settings.BatchBars)
        {
            Seal();
        }
    }

    /// <summary>Closes the batch being built, if it holds anything.</summary>
    public void Seal()
    {
        if (_current.Bars.Count == 0 && _forming.Count == 0 && _quotes.Count == 0)
        {
            return;
        }

        summary.FormingBars += _forming.Count;
        summary.Quotes += _quotes.Count;
        _current.Bars.AddRange(_forming.Values);
        foreach (var (symbol, (tick, book)) in _quotes)
        {
            _current.Quotes.Add(WireMapping.ToQuote(symbol, tick, book));
        }

        _current.ProducerId = settings.Producer;
        _current.Sequence = _nextSequence++;
        _current.CreatedUnixMs = time.GetUtcNow().ToUnixTimeMilliseconds();
        _sealed.Enqueue(_current);
        _current = new PublishRequest();
        _forming.Clear();
        _quotes.Clear();
    }

    public bool TryTake(out PublishRequest batch) => _sealed.TryDequeue(out batch!);
}
