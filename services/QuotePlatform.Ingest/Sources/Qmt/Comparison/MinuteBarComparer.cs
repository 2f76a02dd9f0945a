using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

/// <summary>
/// Compares, chunk by chunk of symbols, the ingest's 1m bars with QMT's history (rows as the bridge
/// packs get_market_data_ex: time, open, high, low, close, volume in lots, amount, preClose,
/// suspendFlag). QMT keeps the 09:25 auction in its own 09:30 bar; with the 240-bar layout the ingest
/// puts it in 09:31, so QMT's two bars are merged before comparing. A QMT bar flagged suspended
/// without volume is no bar (the ingest makes none for a suspended stock).
/// </summary>
public sealed class MinuteBarComparer
{
    private const int QmtWidth = 9;
    private readonly AuctionBar _layout;
    private readonly int _layoutFirstSlot;
    private readonly int _firstSlot;
    private readonly int _lastSlot;
    private readonly ComparisonTolerance _tolerance;
    private readonly List<SymbolDifferences> _symbols = [];

    /// <param name="fromSlot">The ingest's first minute of the day: QMT's bars before it are counted apart, not compared.</param>
    public MinuteBarComparer(long dayNumber, AuctionBar layout, int lastSlot, ComparisonTolerance tolerance, int fromSlot = 0)
    {
        _layout = layout;
        _layoutFirstSlot = TradingSession.FirstSlot(layout);
        _firstSlot = Math.Max(_layoutFirstSlot, fromSlot);
        _lastSlot = Math.Min(lastSlot, TradingSession.LastSlot);
        _tolerance = tolerance;
        Report = new ComparisonReport
        {
            DayNumber = dayNumber,
            FromUnixMs = TradingSession.SlotEndUnixMs(dayNumber, _firstSlot),
            ThroughUnixMs = TradingSession.SlotEndUnixMs(dayNumber, Math.Max(_lastSlot, _firstSlot)),
        };
    }

    public ComparisonReport Report { get; }

    /// <summary>Adds a chunk: QMT's rows for some symbols, and the ingest's slots for the same symbols.</summary>
    public void Add(string[] qmtCodes, double[] qmtValues, IReadOnlyDictionary<string, double[]> ingest)
    {
        if (qmtValues.Length != qmtCodes.Length * QmtWidth)
        {
            throw new ArgumentException($"QMT history: {qmtValues.Length} values for {qmtCodes.Length} rows of {QmtWidth}", nameof(qmtValues));
        }

        var qmt = QmtSlots(qmtCodes, qmtValues);
        foreach (var symbol in qmt.Keys.Union(ingest.Keys, StringComparer.Ordinal))
        {
            CompareSymbol(symbol, ingest.GetValueOrDefault(symbol), qmt.GetValueOrDefault(symbol));
        }
    }

    /// <summary>Finishes the report: the worst symbols first, at most <paramref name="worstCount"/>.</summary>
    public ComparisonReport Complete(int worstCount)
    {
        Report.SymbolsDiffering = _symbols.Count;
        Report.WorstSymbols.AddRange(_symbols
            .OrderByDescending(s => s.Total)
            .ThenByDescending(s => s.WorstRelative)
            .ThenBy(s => s.Symbol, StringComparer.Ordinal)
            .Take(worstCount));
        return Report;
    }

    private Dictionary<string, double[]> QmtSlots(string[] codes, double[] values)
    {
        var bySymbol = new Dictionary<string, double[]>(StringComparer.Ordinal);
        for (var row = 0; row < codes.Length; row++)
        {
            var bar = values.AsSpan(row * QmtWidth, QmtWidth);
            var (time, volumeLots, suspended) = ((long)bar[0], bar[5], bar[8] != 0);
            var slot = TradingSession.SlotEndingAt(BeijingTime.MillisecondOfDay(time));
            if (slot < 0 || BeijingTime.DayNumber(time) != Report.DayNumber || (suspended && volumeLots == 0))
            {
                continue;
            }

            if (!bySymbol.TryGetValue(codes[row], out var slots))
            {
                slots = new double[TradingSession.SlotsPerDay * MinuteBook.Fields];
                slots.AsSpan().Fill(double.NaN);
                bySymbol[codes[row]] = slots;
            }

            var at = slot * MinuteBook.Fields;
            slots[at] = bar[1];
            slots[at + 1] = bar[2];
            slots[at + 2] = bar[3];
            slots[at + 3] = bar[4];
            slots[at + 4] = volumeLots * TradingRules.ForCode(codes[row]).UnitsPerLot; // QMT counts lots; the ingest shares
            slots[at + 5] = bar[6];
        }

        if (_layout == AuctionBar.Merged)
        {
            foreach (var slots in bySymbol.Values)
            {
                MergeAuction(slots);
            }
        }

        return bySymbol;
    }

    /// <summary>QMT's 09:30 auction bar into 09:31, as the 240-bar layout has it.</summary>
    private static void MergeAuction(double[] slots)
    {
        const int auction = TradingSession.AuctionSlot * MinuteBook.Fields;
        const int first = TradingSession.FirstContinuousSlot * MinuteBook.Fields;
        if (double.IsNaN(slots[auction]))
        {
            return;
        }

        if (double.IsNaN(slots[first]))
        {
            slots.AsSpan(auction, MinuteBook.Fields).CopyTo(slots.AsSpan(first));
        }
        else if (slots[auction + 4] > 0)
        {
            var firstTraded = slots[first + 4] > 0;
            slots[first] = slots[auction];
            slots[first + 1] = firstTraded ? Math.Max(slots[first + 1], slots[auction + 1]) : slots[auction + 1];
            slots[first + 2] = firstTraded ? Math.Min(slots[first + 2], slots[auction + 2]) : slots[auction + 2];
            slots[first + 3] = firstTraded ? slots[first + 3] : slots[auction + 3];
            slots[first + 4] += slots[auction + 4];
            slots[first + 5] += slots[auction + 5];
        }

        slots.AsSpan(auction, MinuteBook.Fields).Fill(double.NaN);
    }

    private void CompareSymbol(string symbol, double[]? ingest, double[]? qmt)
    {
        int differing = 0, missingInIngest = 0, missingInQmt = 0;
        var worstField = BarField.Open;
        var worstRelative = 0.0;
        var worstSlot = -1;
        var report = Report;
        for (var slot = _layoutFirstSlot; slot < _firstSlot && qmt is not null; slot++)
        {
            report.QmtBarsBeforeIngestStart += double.IsNaN(qmt[slot * MinuteBook.Fields]) ? 0 : 1;
        }

        for (var slot = _firstSlot; slot <= _lastSlot; slot++)
        {
            var at = slot * MinuteBook.Fields;
            var hasIngest = ingest is not null && !double.IsNaN(ingest[at]);
            var hasQmt = qmt is not null && !double.IsNaN(qmt[at]);
            if (!hasIngest || !hasQmt)
            {
                missingInIngest += hasQmt ? 1 : 0;
                missingInQmt += hasIngest ? 1 : 0;
                if (hasQmt || hasIngest)
                {
                    worstSlot = worstSlot < 0 ? slot : worstSlot;
                }

                continue;
            }

            report.BarsCompared++;
            var barDiffers = false;
            for (var field = 0; field < MinuteBook.Fields; field++)
            {
                var (mine, theirs) = (ingest![at + field], qmt![at + field]);
                if (!report.Fields[field].Add(mine, theirs, _tolerance))
                {
                    continue;
                }

                barDiffers = true;
                var relative = theirs != 0 ? Math.Abs(mine - theirs) / Math.Abs(theirs) : double.PositiveInfinity;
                if (relative > worstRelative || worstSlot < 0)
                {
                    (worstField, worstRelative, worstSlot) = ((BarField)field, relative, slot);
                }
            }

            differing += barDiffers ? 1 : 0;
        }

        report.Symbols++;
        report.BarsDiffering += differing;
        report.MissingInIngest += missingInIngest;
        report.MissingInQmt += missingInQmt;
        if (differing + missingInIngest + missingInQmt > 0)
        {
            _symbols.Add(new SymbolDifferences(symbol, differing, missingInIngest, missingInQmt, worstField, worstRelative,
                TradingSession.SlotEndUnixMs(report.DayNumber, worstSlot)));
        }
    }
}
