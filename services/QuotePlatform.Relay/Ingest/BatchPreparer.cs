using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Relay.Ingest;

/// <summary>
/// Validates every item on its own (a bad item never costs its neighbours) and groups the rest by
/// shard. A final bar or a tick the store would drop at once for its age is refused here, before
/// anything acknowledges it.
/// </summary>
public sealed class BatchPreparer(ShardRouter router, RetentionWatcher retention, TimeProvider time)
{
    /// <summary>
    /// A bar is refused when the store would drop it within this time: the writer inserts it seconds
    /// later, or minutes when it lags, and must not find it expired then.
    /// </summary>
    public static readonly TimeSpan RetentionMargin = TimeSpan.FromHours(1);

    public PreparedBatch Prepare(PublishRequest request)
    {
        var shards = new ShardWrite?[router.ShardCount];
        var rejections = new List<Rejection>();
        var limits = retention.Current;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var acceptedBars = 0;
        for (var i = 0; i < request.Bars.Count; i++)
        {
            var bar = request.Bars[i];
            if (Check(bar, limits, now) is { } problem)
            {
                var rejection = Reject(Rejection.Types.ItemKind.Bar, i, bar.Symbol, problem);
                rejection.Period = bar.Period;
                rejections.Add(rejection);
                continue;
            }

            var write = ShardFor(shards, bar.Symbol);
            (bar.Final ? write.Final : write.Forming).Bars.Add(bar);
            acceptedBars++;

        }

        var acceptedQuotes = 0;
        for (var i = 0; i < request.Quotes.Count; i++)
        {
            var quote = request.Quotes[i];
            if (QuoteValidator.Validate(quote) is { } problem)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Quote, i, quote.Symbol, problem));
                continue;
            }

            ShardFor(shards, quote.Symbol).Quotes.Add(quote);
            acceptedQuotes++;
        }

        var acceptedTicks = 0;
        for (var i = 0; i < request.Ticks.Count; i++)
        {
            var tick = request.Ticks[i];
            if ((TickValidator.Validate(tick) ?? limits?.CheckTick(tick.TimeUnixMs, now, RetentionMargin)) is { } problem)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Tick, i, tick.Symbol, problem));
                continue;
            }

            ShardFor(shards, tick.Symbol).Ticks.Ticks.Add(tick);
            acceptedTicks++;
        }

        var calendars = new List<TradingCalendar>();
        for (var i = 0; i < request.Calendars.Count; i++)
        {
            var calendar = request.Calendars[i];
            try
            {
                CalendarRange.Parse(calendar.Market, calendar.FirstDate, calendar.LastDate, calendar.TradingDates);
                calendars.Add(calendar);
            }
            catch (FormatException ex)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Calendar, i, calendar.Market, new BarRejection(CalendarRange.BadCalendar, ex.Message)));
            }
        }

        var instruments = new List<InstrumentReference>();
        for (var i = 0; i < request.Instruments.Count; i++)
        {
            var instrument = request.Instruments[i];
            if (InstrumentValidator.Validate(instrument) is { } problem)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Instrument, i, instrument.Symbol, problem));
                continue;
            }

            instruments.Add(instrument);
        }

        return new PreparedBatch(
            request.Sequence, request.CreatedUnixMs, [.. shards.OfType<ShardWrite>()], acceptedBars, acceptedQuotes, calendars, rejections)
        {
            Instruments = instruments,
            Feed = request.Feed,
            LeaseEpoch = request.LeaseEpoch,
            CompleteThrough = request.CompleteThrough
                .Where(c => c.Period != Period.Unspecified)
                .GroupBy(c => c.Period)
                .ToDictionary(g => g.Key, g => g.Max(c => c.FrameUnixMs)),
            AcceptedTicks = acceptedTicks,
        };
    }

    private static BarRejection? Check(Contracts.MarketData.V1.Bar bar, RetentionLimits? limits, long nowUnixMs) =>
        bar.Validate() ?? (bar.Final ? limits?.Check(bar.Period.ToDomain(), bar.FrameUnixMs, nowUnixMs, RetentionMargin) : null);

    private ShardWrite ShardFor(ShardWrite?[] shards, string symbol)
    {
        var shard = router.ShardOf(symbol);
        return shards[shard] ??= new ShardWrite(shard);
    }

    private static Rejection Reject(Rejection.Types.ItemKind kind, int index, string symbol, BarRejection problem) => new()
    {
        Kind = kind,
        Index = (uint)index,
        Symbol = symbol,
        Reason = problem.Reason,
        Detail = problem.Detail,
    };
}
