using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Instruments;
using QuotePlatform.Domain.Rollups;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Batching;
using ContractBar = QuotePlatform.Contracts.MarketData.V1.Bar;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Ingest.History;

/// <summary>
/// QMT's 1m history (get_market_data_ex rows as the bridge packs them: time, open, high, low, close,
/// volume in lots, amount, preClose, suspendFlag) as the platform's final bars: QMT's separate 09:30
/// auction bar folded into 09:31 unless the 241-bar layout is configured, volume in shares (bonds: 10 a lot, TradingRules), every bar
/// marked imported, and 5m…1d rolled up from the 1m bars by the live engine's own aggregator.
/// </summary>
public sealed class ImportedBars : IBarSink
{
    private const int Width = 9;
    private static readonly long Auction = BeijingTime.At(9, 30);

    private readonly AuctionBar _layout;
    private readonly BarQuality _flags;
    private readonly HashSet<BarPeriod> _periods;
    private readonly RollupAggregator _rollups;
    private readonly List<ContractBar> _out = [];
    private readonly Dictionary<BarPeriod, long> _counts = [];

    public ImportedBars(IReadOnlyCollection<BarPeriod> periods, AuctionBar layout, bool replace)
    {
        _layout = layout;
        _flags = BarQuality.Imported | (replace ? BarQuality.ImportReplaces : BarQuality.None);
        _periods = [.. periods];
        _rollups = new RollupAggregator(this, periods);
    }

    /// <summary>Rows skipped because they cannot be a bar (no price, negative volume).</summary>
    public long Unusable { get; private set; }

    /// <summary>Bars built so far, per period.</summary>
    public IReadOnlyDictionary<BarPeriod, long> Counts => _counts;

    /// <summary>Converts one chunk (rows of a symbol in time order, symbol after symbol) and returns its bars.</summary>
    public List<ContractBar> Convert(string[] codes, double[] values)
    {
        _out.Clear();
        Bar? auction = null;
        long lastDay = long.MinValue;
        for (var i = 0; i < codes.Length; i++)
        {
            var row = values.AsSpan(i * Width, Width);
            var frame = (long)row[0];
            if (!(row[1] > 0 && row[2] > 0 && row[3] > 0 && row[4] > 0) || !(row[5] >= 0) || !double.IsFinite(row[6]))
            {
                Unusable++;
                continue;
            }

            var volume = (long)Math.Round(row[5]) * TradingRules.ForCode(codes[i]).UnitsPerLot;
            var bar = new Bar(codes[i], BarPeriod.OneMinute, frame, row[1], row[2], row[3], row[4], volume, row[6], Final: true,
                _flags | (volume == 0 ? BarQuality.Flat : BarQuality.None));
            lastDay = Math.Max(lastDay, BeijingTime.DayNumber(frame));
            if (BeijingTime.MillisecondOfDay(frame) == Auction)
            {
                if (_layout == AuctionBar.Separate)
                {
                    _rollups.OnBar(bar with { Quality = bar.Quality | BarQuality.Auction });
                }
                else
                {
                    auction = bar;
                }

                continue;
            }

            if (auction is { } first)
            {
                auction = null;
                if (first.Symbol == bar.Symbol && frame - first.FrameUnixMs == BeijingTime.MillisecondsPerMinute)
                {
                    bar = Merge(first, bar);
                }
                else
                {
                    _rollups.OnBar(first with { FrameUnixMs = first.FrameUnixMs + BeijingTime.MillisecondsPerMinute });
                }
            }

            _rollups.OnBar(bar);
        }

        if (auction is { } last)
        {
            _rollups.OnBar(last with { FrameUnixMs = last.FrameUnixMs + BeijingTime.MillisecondsPerMinute });
        }

        if (lastDay != long.MinValue)
        {
            _rollups.OnDayClosed(BeijingTime.DayStartUnixMs(lastDay));
        }

        return [.. _out];
    }

    public void OnBar(in Bar bar)
    {
        if (!_periods.Contains(bar.Period))
        {
            return;
        }

        // Roll-ups carry only the quality bits the aggregator keeps: every bar of an import is marked here.
        _out.Add((bar with { Quality = bar.Quality | _flags }).ToContract());
        _counts[bar.Period] = _counts.GetValueOrDefault(bar.Period) + 1;
    }

    public void OnDayClosed(long dayStartUnixMs)
    {
    }

    // The 09:25 auction trade opens the first continuous bar, as the live engine's 240-bar layout has it.
    private static Bar Merge(Bar auction, Bar first) => first with
    {
        Open = auction.Open,
        High = Math.Max(auction.High, first.High),
        Low = Math.Min(auction.Low, first.Low),
        VolumeShares = auction.VolumeShares + first.VolumeShares,
        AmountCny = auction.AmountCny + first.AmountCny,
        Quality = (first.Quality & ~BarQuality.Flat) | (auction.VolumeShares + first.VolumeShares == 0 ? BarQuality.Flat : BarQuality.None),
    };
}
