using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Sources.Qmt.Comparison;

namespace QuotePlatform.Ingest.Tests.Qmt.Comparison;

public sealed class MinuteBarComparerTests
{
    private static readonly long Day = BeijingTime.DayNumber(new DateTimeOffset(2025, 6, 6, 12, 0, 0, BeijingTime.Offset).ToUnixTimeMilliseconds());
    private static readonly ComparisonTolerance Tolerance = new(0.005, 1e-6);

    [Fact]
    public void Add_SameBars_ReportIsClean()
    {
        var qmt = new QmtRows().Add("600000.SH", 1, 10.0, 10.2, 9.9, 10.1, 12, 12_100).Add("600000.SH", 2, 10.1, 10.1, 10.1, 10.1, 0, 0);
        var ingest = Book(("600000.SH", 1, 10.0, 10.2, 9.9, 10.1, 1200, 12_100.0000001), ("600000.SH", 2, 10.1, 10.1, 10.1, 10.1, 0, 0));

        var report = Compare(qmt, ingest, lastSlot: 2);

        Assert.True(report.Clean);
        Assert.Equal(2, report.BarsCompared);
        Assert.Equal(1, report.Symbols);
        Assert.Empty(report.WorstSymbols);
    }

    [Fact]
    public void Add_FieldsOffAndBarsMissing_CountsPerFieldAndSide()
    {
        var qmt = new QmtRows()
            .Add("600000.SH", 1, 10.0, 10.2, 9.9, 10.1, 12, 12_100)
            .Add("600000.SH", 2, 10.1, 10.3, 10.0, 10.3, 5, 5_100)
            .Add("600000.SH", 3, 10.3, 10.3, 10.3, 10.3, 0, 0)
            .Add("000001.SZ", 1, 12.0, 12.0, 12.0, 12.0, 1, 1_200);
        var ingest = Book(
            ("600000.SH", 1, 10.0, 10.2, 9.9, 10.2, 1200, 12_100),   // close off by 0.1
            ("600000.SH", 2, 10.1, 10.3, 10.0, 10.3, 600, 5_100),     // volume off by 100 shares
            ("000001.SZ", 1, 12.0, 12.0, 12.0, 12.0, 100, 1_200),
            ("000001.SZ", 2, 12.0, 12.0, 12.0, 12.0, 0, 0));          // QMT has no such bar

        var report = Compare(qmt, ingest, lastSlot: 3);

        Assert.Equal(3, report.BarsCompared);
        Assert.Equal(2, report.BarsDiffering);
        Assert.Equal(1, report[BarField.Close].BarsDiffering);
        Assert.Equal(0.1, report[BarField.Close].MaxAbsolute, 9);
        Assert.Equal(1, report[BarField.Volume].BarsDiffering);
        Assert.Equal(100, report[BarField.Volume].MaxAbsolute);
        Assert.Equal(0.2, report[BarField.Volume].MaxRelative, 9);
        Assert.Equal(0, report[BarField.Open].BarsDiffering + report[BarField.High].BarsDiffering + report[BarField.Low].BarsDiffering + report[BarField.Amount].BarsDiffering);
        Assert.Equal(1, report.MissingInIngest);    // 600000.SH 09:33
        Assert.Equal(1, report.MissingInQmt);       // 000001.SZ 09:32
        Assert.Equal(2, report.SymbolsDiffering);
        Assert.Equal("600000.SH", report.WorstSymbols[0].Symbol);
        Assert.Equal(3, report.WorstSymbols[0].Total);
        Assert.Equal(BarField.Volume, report.WorstSymbols[0].WorstField);
    }

    [Fact]
    public void Add_QmtAuctionBarWithMergedLayout_MergesItIntoTheFirstMinute()
    {
        // QMT: 09:30 auction bar at 10.5 (30 lots), 09:31 traded 10.4..10.6; the 240-bar ingest has one 09:31 bar.
        var qmt = new QmtRows().Add("600000.SH", 0, 10.5, 10.5, 10.5, 10.5, 30, 31_500).Add("600000.SH", 1, 10.6, 10.6, 10.4, 10.4, 10, 10_500);
        var ingest = Book(("600000.SH", 1, 10.5, 10.6, 10.4, 10.4, 4000, 42_000));

        var merged = Compare(qmt, ingest, lastSlot: 1);
        var separate = new MinuteBarComparer(Day, AuctionBar.Separate, 1, Tolerance);
        separate.Add(qmt.Codes, qmt.Values, ingest);

        Assert.True(merged.Clean, $"{merged.BarsDiffering} differing");
        Assert.Equal(1, merged.BarsCompared);
        Assert.Equal(1, separate.Complete(5).MissingInIngest); // compared as QMT lays it out, the 09:30 bar is missing
    }

    [Fact]
    public void Add_IngestStartedLate_CountsQmtBarsBeforeItApart()
    {
        var qmt = new QmtRows()
            .Add("600000.SH", 0, 10.0, 10.0, 10.0, 10.0, 3, 3_000)
            .Add("600000.SH", 1, 10.0, 10.0, 10.0, 10.0, 0, 0)
            .Add("600000.SH", 2, 10.0, 10.0, 10.0, 10.0, 0, 0)
            .Add("600000.SH", 3, 10.0, 10.0, 10.0, 10.0, 0, 0);
        var ingest = Book(("600000.SH", 3, 10.0, 10.0, 10.0, 10.0, 0, 0));
        var comparer = new MinuteBarComparer(Day, AuctionBar.Merged, 3, Tolerance, fromSlot: 3);

        comparer.Add(qmt.Codes, qmt.Values, ingest);
        var report = comparer.Complete(5);

        Assert.True(report.Clean);
        Assert.Equal(2, report.QmtBarsBeforeIngestStart); // 09:31 (with the 09:30 auction merged in) and 09:32
        Assert.Equal(1, report.BarsCompared);
        Assert.Equal(TradingSession.SlotEndUnixMs(Day, 3), report.FromUnixMs);
    }

    [Fact]
    public void Add_SuspendedQmtBarWithoutVolume_IsNoBar()
    {
        var qmt = new QmtRows().Add("600001.SH", 1, 8.0, 8.0, 8.0, 8.0, 0, 0, suspended: true);

        var report = Compare(qmt, [], lastSlot: 1);

        Assert.True(report.Clean);
        Assert.Equal(0, report.BarsCompared);
    }

    private static ComparisonReport Compare(QmtRows qmt, Dictionary<string, double[]> ingest, int lastSlot)
    {
        var comparer = new MinuteBarComparer(Day, AuctionBar.Merged, lastSlot, Tolerance);
        comparer.Add(qmt.Codes, qmt.Values, ingest);
        return comparer.Complete(5);
    }

    private static Dictionary<string, double[]> Book(params (string Symbol, int Slot, double O, double H, double L, double C, long Shares, double Amount)[] bars)
    {
        var book = new MinuteBook();
        foreach (var b in bars)
        {
            book.Record(new Bar(b.Symbol, BarPeriod.OneMinute, TradingSession.SlotEndUnixMs(Day, b.Slot), b.O, b.H, b.L, b.C, b.Shares, b.Amount, Final: true, default));
        }

        return book.Snapshot(Day, bars.Select(b => b.Symbol).Distinct());
    }

    /// <summary>Rows as the bridge packs get_market_data_ex: time, o, h, l, c, volume (lots), amount, preClose, suspendFlag.</summary>
    private sealed class QmtRows
    {
        private readonly List<string> _codes = [];
        private readonly List<double> _values = [];

        public string[] Codes => [.. _codes];

        public double[] Values => [.. _values];

        public QmtRows Add(string code, int slot, double o, double h, double l, double c, long lots, double amount, bool suspended = false)
        {
            _codes.Add(code);
            _values.AddRange([TradingSession.SlotEndUnixMs(Day, slot), o, h, l, c, lots, amount, 10.0, suspended ? 1 : 0]);
            return this;
        }
    }
}
