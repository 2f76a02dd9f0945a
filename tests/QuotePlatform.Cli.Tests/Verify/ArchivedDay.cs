using QuotePlatform.ContractMapping;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Synthesis;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.TickSources;

namespace QuotePlatform.Cli.Tests.Verify;

/// <summary>
/// What the pipeline leaves in ClickHouse for a day of xtquant payloads, made the way the ingest makes
/// it: one bar engine for the whole market, its clock the data's watermark, each accepted tick archived
/// with that clock, every final bar kept as the writer stores it. Some pushes arrive late: the clock
/// then jumps <see cref="LateBy"/> past the tick times (a live ingest's wall clock when a push comes
/// late), so ticks of bars already closed go into later bars (quality "late volume").
/// </summary>
internal sealed class ArchivedDay : IBarSink
{
    public static readonly TimeSpan LateBy = TimeSpan.FromSeconds(25);

    private readonly List<Contracts.MarketData.V1.Bar> _bars = [];
    private readonly List<TickRow> _ticks = [];

    public IReadOnlyList<Contracts.MarketData.V1.Bar> Bars => _bars;

    public IReadOnlyList<TickRow> Ticks => _ticks;

    /// <param name="latePushes">Push numbers (line numbers from 0) that arrive late.</param>
    public static ArchivedDay From(byte[] payloads, ISet<int> latePushes)
    {
        var day = new ArchivedDay();
        var engine = new BarSynthesizer(new SynthesisOptions { EmitForming = false }, new RollupAggregator(day, BarPeriods.All));
        var names = new List<string>();
        var parser = new XtQuantPayloadParser(symbol =>
        {
            var handle = engine.GetHandle(symbol);
            if (handle == names.Count)
            {
                names.Add(symbol.ToString());
            }

            return handle;
        });
        var ticks = new List<SymbolTick>();
        var books = new List<TickBook>();
        var clock = long.MinValue;
        var push = 0;
        foreach (var line in System.Text.Encoding.UTF8.GetString(payloads).Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (parser.Parse(System.Text.Encoding.UTF8.GetBytes(line), ticks, books) is { } error)
            {
                throw new InvalidDataException(error);
            }

            var late = latePushes.Contains(push++) ? (long)LateBy.TotalMilliseconds : 0;
            for (var i = 0; i < ticks.Count; i++)
            {
                var (handle, tick) = ticks[i];
                if (tick.TimeUnixMs + late > clock)
                {
                    clock = tick.TimeUnixMs + late;
                    engine.AdvanceWatermark(clock);
                }

                if (engine.OnTick(handle, tick).IsAccepted())
                {
                    var wire = TickContracts.ToContract(names[handle], tick, books[i], clock + 100, clock);
                    day._ticks.Add(new TickRow(wire.Symbol, wire.TimeUnixMs, wire.LastPrice, wire.Open, wire.High, wire.Low, wire.LastClose, wire.AmountCny,
                        wire.VolumeLots, wire.PvolumeShares, wire.StockStatus, wire.TransactionNum, [.. wire.BidPrices], [.. wire.BidVolumesLots],
                        [.. wire.AskPrices], [.. wire.AskVolumesLots], wire.ReceivedUnixMs, wire.ClockUnixMs));
                }
            }
        }

        engine.Flush();
        return day;
    }

    public void OnBar(in Domain.Bars.Bar bar)
    {
        if (bar.Final)
        {
            _bars.Add(bar.ToContract());
        }
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }
}
