using System.Globalization;
using Grpc.Core;
using Microsoft.Extensions.Options;
using QuotePlatform.ContractMapping;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Bars;
using QuotePlatform.Query.Bars.DayCache;
using QuotePlatform.Query.Bars.CurrentDay;
using QuotePlatform.Query.Coverage;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Query.Quotes;
using QuotePlatform.Query.Reference;
using QuotePlatform.Query.Symbols;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.Query.Ticks;

namespace QuotePlatform.Query.Api;

/// <summary>
/// quoteplatform.query.v1.QueryService: checks each request against the documented limits, then
/// reads ClickHouse (bars, coverage, the trading calendar) or Redis (quotes). The call's token carries the deadline and
/// the client's cancellation to every read.
/// </summary>
internal sealed class QueryGrpcService(
    BarReader bars,
    CoalescingBarReader symbolBars,
    BarPanelReader panels,
    DayBarCache dayCache,
    CurrentDayBars currentDay,
    CoverageReader coverage,
    TradingCalendarStore calendars,
    SymbolDirectory symbols,
    InstrumentNames names,
    InstrumentStore instruments,
    DividendFactorCache factors,
    LatestQuoteReader quotes,
    TickReader ticks,
    IOptions<QueryServiceOptions> options,
    TimeProvider time) : QueryService.QueryServiceBase
{
    private readonly QueryServiceOptions _limits = options.Value;

    public override async Task<GetBarsResponse> GetBars(GetBarsRequest request, ServerCallContext context)
    {
        RequestErrors.CheckSymbol("symbol", request.Symbol);
        var range = BarRange.Parse(request.Period, request.FromUnixMs, request.ToUnixMs, time);
        var adjustment = Adjustments.Parse(request.Adjust);
        var pageSize = PageSize("page_size", request.PageSize, _limits.DefaultPageSize, _limits.MaxPageSize);
        var requestKey = string.Create(CultureInfo.InvariantCulture, $"bars|{request.Symbol}|{range.Period}|{request.FromUnixMs}|{request.ToUnixMs}|{request.Adjust}");
        var position = PageToken.Read(request.PageToken, requestKey);
        var from = position is null ? range.FromUnixMs : long.Parse(position, CultureInfo.InvariantCulture);

        var rows = currentDay.TryRead(request.Symbol, range.Period, from, range.ToUnixMs, pageSize + 1)
            ?? dayCache.TryRead(request.Symbol, range.Period, from, range.ToUnixMs, pageSize + 1)
            ?? await symbolBars.ReadAsync(request.Symbol, range.Period, from, range.ToUnixMs, pageSize + 1, context.CancellationToken);
        if (rows.Count == 0 && position is null)
        {
            await ThrowIfUnknownAsync([request.Symbol], context.CancellationToken);
        }

        var response = new GetBarsResponse();
        response.Bars.AddRange(rows.Take(pageSize).Select(row => row.ToBar()));
        if (adjustment != Domain.Reference.PriceAdjustment.None && response.Bars.Count > 0)
        {
            Adjustments.Apply(response.Bars, await factors.ForAsync(request.Symbol, context.CancellationToken), adjustment);
        }

        if (rows.Count > pageSize)
        {
            response.NextPageToken = PageToken.Create(requestKey, (rows[pageSize - 1].FrameUnixMs + 1).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task<BatchGetBarsResponse> BatchGetBars(BatchGetBarsRequest request, ServerCallContext context)
    {
        RequestErrors.CheckSymbols("symbols", request.Symbols, _limits.MaxSymbols);
        var range = BarRange.Parse(request.Period, request.FromUnixMs, request.ToUnixMs, time);
        var adjustment = Adjustments.Parse(request.Adjust);
        var rows = await bars.ReadManyAsync(request.Symbols, range.Period, range.FromUnixMs, range.ToUnixMs, _limits.MaxBatchBars + 1, context.CancellationToken);
        if (rows.Count > _limits.MaxBatchBars)
        {
            throw RequestErrors.Invalid(
                $"the request matches more than {_limits.MaxBatchBars} bars, the limit of one answer; ask fewer symbols or a shorter range, or page with GetBars");
        }

        var bySymbol = rows.GroupBy(row => row.Symbol, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        await ThrowIfUnknownAsync([.. request.Symbols.Where(s => !bySymbol.ContainsKey(s))], context.CancellationToken);

        var response = new BatchGetBarsResponse();
        foreach (var symbol in request.Symbols)
        {
            var series = new SymbolBars { Symbol = symbol };
            if (bySymbol.TryGetValue(symbol, out var symbolRows))
            {
                series.Bars.AddRange(symbolRows.Select(row => row.ToBar()));
                if (adjustment != Domain.Reference.PriceAdjustment.None)
                {
                    Adjustments.Apply(series.Bars, await factors.ForAsync(symbol, context.CancellationToken), adjustment);
                }
            }

            response.Series.Add(series);
        }

        return response;
    }

    public override async Task<ListSymbolsResponse> ListSymbols(ListSymbolsRequest request, ServerCallContext context)
    {
        var prefix = request.Prefix.Trim().ToUpperInvariant();
        if (prefix.Length > Domain.Symbols.SymbolCode.Length || prefix.Any(c => !char.IsAsciiLetterOrDigit(c) && c != '.'))
        {
            throw RequestErrors.Invalid($"prefix '{request.Prefix}': give the start of a code like 600000.SH (digits, '.', letters; at most 9 characters)");
        }

        var search = request.Search.Trim();
        if (search.Length > 32)
        {
            throw RequestErrors.Invalid($"search '{request.Search}': give at most 32 characters, the start of a code or a part of a name");
        }

        var pageSize = PageSize("page_size", request.PageSize, _limits.DefaultSymbolPageSize, _limits.MaxSymbolPageSize);
        var tokenKey = "symbols|" + prefix + "|" + search;
        var after = PageToken.Read(request.PageToken, tokenKey);
        var known = await symbols.ListAsync(context.CancellationToken);
        var named = await names.CurrentAsync(context.CancellationToken);
        var knownCodes = known.Select(k => k.Symbol).ToHashSet(StringComparer.Ordinal);
        // Symbols with details but no data yet are listed too: a search finds every instrument the terminal named.
        var everything = known.Concat(named.Keys.Where(symbol => !knownCodes.Contains(symbol)).Select(symbol => new KnownSymbol(symbol, false, false)))
            .OrderBy(s => s.Symbol, StringComparer.Ordinal);
        var code = search.ToUpperInvariant();
        var page = everything
            .Where(s => s.Symbol.StartsWith(prefix, StringComparison.Ordinal) && (after is null || string.CompareOrdinal(s.Symbol, after) > 0))
            .Where(s => search.Length == 0 || s.Symbol.StartsWith(code, StringComparison.Ordinal)
                || (named.TryGetValue(s.Symbol, out var name) && name.Name.Contains(search, StringComparison.Ordinal)))
            .Take(pageSize + 1)
            .ToList();

        var response = new ListSymbolsResponse();
        response.Symbols.AddRange(page.Take(pageSize).Select(s => new SymbolInfo
        {
            Symbol = s.Symbol,
            Exchange = s.Symbol[(Domain.Symbols.SymbolCode.Length - 2)..],
            HasBars = s.HasBars,
            HasQuote = s.HasQuote,
            Name = named.GetValueOrDefault(s.Symbol)?.Name ?? "",
            Type = named.GetValueOrDefault(s.Symbol)?.Type ?? "",
        }));
        if (page.Count > pageSize)
        {
            response.NextPageToken = PageToken.Create(tokenKey, page[pageSize - 1].Symbol);
        }

        return response;
    }

    public override async Task<GetCoverageResponse> GetCoverage(GetCoverageRequest request, ServerCallContext context)
    {
        RequestErrors.CheckSymbols("symbols", request.Symbols, _limits.MaxSymbols);
        var period = request.Period == Contracts.MarketData.V1.Period.Unspecified ? BarPeriod.OneMinute : (BarPeriod)request.Period;
        if (!BarPeriods.All.Contains(period))
        {
            throw RequestErrors.Invalid($"period: give one of PERIOD_1M ... PERIOD_1D, or none for 1m (got {request.Period})");
        }

        var (from, to) = TradingDays.ParseRange(request.FromDate, request.ToDate);
        var exchanges = request.Symbols.Select(ExchangeCalendars.ExchangeOf).Distinct(StringComparer.Ordinal).ToList();
        var calendar = await ExchangeCalendars.ReadAsync(calendars, exchanges, from, to, context.CancellationToken);
        var daysOf = exchanges.ToDictionary(exchange => exchange, exchange => TradingDays.Of(calendar.For(exchange), from, to), StringComparer.Ordinal);
        var symbolDays = request.Symbols.Sum(symbol => (long)daysOf[ExchangeCalendars.ExchangeOf(symbol)].Count);
        if (symbolDays > _limits.MaxCoverageSymbolDays)
        {
            throw RequestErrors.Invalid(
                $"{request.Symbols.Count} symbols × their trading days from {request.FromDate} to {request.ToDate} are {symbolDays} symbol-days, over the limit of {_limits.MaxCoverageSymbolDays} symbol-days per request; ask fewer symbols or fewer days");
        }

        var response = new GetCoverageResponse();
        var allDays = daysOf.Values.SelectMany(days => days).ToList();
        if (allDays.Count == 0)
        {
            return response;
        }

        var frames = await coverage.FramesAsync(
            request.Symbols, period, BeijingTime.DayStartUnixMs(allDays.Min()), BeijingTime.DayStartUnixMs(allDays.Max() + 1), context.CancellationToken);
        await ThrowIfUnknownAsync([.. request.Symbols.Where(s => frames[s].Count == 0)], context.CancellationToken);

        var layout = request.SeparateAuctionBar ? AuctionBar.Separate : AuctionBar.Merged;
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var symbol in request.Symbols.Order(StringComparer.Ordinal))
        {
            response.Days.AddRange(CoverageCalculator.Days(symbol, daysOf[ExchangeCalendars.ExchangeOf(symbol)], period, layout, frames[symbol], now));
        }

        return response;
    }

    public override async Task<GetTradingDaysResponse> GetTradingDays(GetTradingDaysRequest request, ServerCallContext context)
    {
        var market = request.Market.Trim().ToUpperInvariant() switch
        {
            "" or ExchangeCalendars.Shanghai => ExchangeCalendars.Shanghai,
            ExchangeCalendars.Shenzhen => ExchangeCalendars.Shenzhen,
            _ => throw RequestErrors.Invalid($"market '{request.Market}': give SH or SZ, or none for SH"),
        };
        var (from, to) = TradingDays.ParseRange(request.FromDate, request.ToDate);
        var calendar = (await ExchangeCalendars.ReadAsync(calendars, [market], from, to, context.CancellationToken)).For(market);

        var response = new GetTradingDaysResponse();
        foreach (var date in calendar.TradingDays(from, to))
        {
            response.TradingDates.Add(TradingDays.Format(date));
            if (!calendar.IsKnown(date))
            {
                response.AssumedDates.Add(TradingDays.Format(date));
            }
        }

        return response;
    }

    public override async Task<GetQuotesResponse> GetQuotes(GetQuotesRequest request, ServerCallContext context)
    {
        IReadOnlyList<string> asked = request.Symbols.Count == 0 ? [_limits.DefaultSymbol] : request.Symbols;
        RequestErrors.CheckSymbols("symbols", asked, _limits.MaxQuoteSymbols);
        var latest = await quotes.ReadAsync(asked, context.CancellationToken);
        var missing = asked.Where((_, i) => latest[i] is null).ToList();
        if (missing.Count > 0)
        {
            throw RequestErrors.NotFound(
                $"no quote for {RequestErrors.ListForMessage(missing)}: the relay has received none (unknown symbol, or no feed for it yet); ListSymbols shows the known ones");
        }

        var response = new GetQuotesResponse();
        response.Quotes.AddRange(latest!);
        return response;
    }

    public override async Task StreamBarPanel(StreamBarPanelRequest request, IServerStreamWriter<StreamBarPanelResponse> responseStream, ServerCallContext context)
    {
        var range = BarRange.Parse(request.Period, request.FromUnixMs, request.ToUnixMs, time);
        IReadOnlyCollection<string>? asked = null;
        if (request.Symbols.Count > 0)
        {
            RequestErrors.CheckSymbols("symbols", request.Symbols, _limits.MaxPanelSymbols);
            await ThrowIfUnknownAsync(request.Symbols, context.CancellationToken);
            asked = request.Symbols;
        }

        foreach (var (from, to) in PanelSlices.Of(range))
        {
            // One block is held back so that the slice's last message can carry its completion.
            var held = new StreamBarPanelResponse();
            await foreach (var block in panels.ReadAsync(asked, range.Period, from, to, _limits.PanelMessageBars, context.CancellationToken))
            {
                if (held.FrameUnixMs.Count > 0)
                {
                    await responseStream.WriteAsync(held, context.CancellationToken);
                }

                held = block.ToPanelMessage();
            }

            held.CompleteBeforeUnixMs = to;
            await responseStream.WriteAsync(held, context.CancellationToken);
        }
    }

    public override async Task<GetTicksResponse> GetTicks(GetTicksRequest request, ServerCallContext context)
    {
        RequestErrors.CheckSymbol("symbol", request.Symbol);
        var (from, to) = TickRange.Parse(request.FromUnixMs, request.ToUnixMs, time);
        var pageSize = PageSize("page_size", request.PageSize, TickRange.DefaultPageSize, TickRange.MaxPageSize);
        var requestKey = string.Create(CultureInfo.InvariantCulture, $"ticks|{request.Symbol}|{request.FromUnixMs}|{request.ToUnixMs}");
        var position = PageToken.Read(request.PageToken, requestKey);
        var start = position is null ? from : long.Parse(position, CultureInfo.InvariantCulture);

        var rows = await ticks.ReadAsync(request.Symbol, start, to, pageSize + 1, context.CancellationToken);
        if (rows.Count == 0 && position is null)
        {
            await ThrowIfUnknownAsync([request.Symbol], context.CancellationToken);
        }

        var response = new GetTicksResponse();
        response.Ticks.AddRange(rows.Take(pageSize).Select(TickMapping.ToTick));
        if (rows.Count > pageSize)
        {
            // A symbol's ticks have distinct times: the next page starts just after this one's last.
            response.NextPageToken = PageToken.Create(requestKey, (rows[pageSize - 1].TimeUnixMs + 1).ToString(CultureInfo.InvariantCulture));
        }

        return response;
    }

    public override async Task<GetInstrumentResponse> GetInstrument(GetInstrumentRequest request, ServerCallContext context)
    {
        RequestErrors.CheckSymbol("symbol", request.Symbol);
        DateOnly date;
        if (request.Date.Length == 0)
        {
            date = DateOnly.FromDateTime(BeijingTime.ToDateTimeOffset(time.GetUtcNow().ToUnixTimeMilliseconds()).DateTime);
        }
        else if (!DateOnly.TryParseExact(request.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            throw RequestErrors.Invalid($"date '{request.Date}': give YYYY-MM-DD, or none for today");
        }

        var detail = await instruments.DetailAsync(request.Symbol, date, context.CancellationToken)
            ?? throw RequestErrors.NotFound(
                $"no details of {request.Symbol} on or before {date:yyyy-MM-dd}: the ingest sends them from the terminal at start-up and each morning");
        var factors = await instruments.FactorsAsync([request.Symbol], context.CancellationToken);
        return new GetInstrumentResponse { Instrument = InstrumentContracts.ToMessage(detail, factors.GetValueOrDefault(request.Symbol) ?? []) };
    }

    private static int PageSize(string field, uint asked, int defaultSize, int max) => asked switch
    {
        0 => defaultSize,
        _ when asked > max => throw RequestErrors.Invalid($"{field} {asked} is over the limit of {max}; ask for fewer and follow next_page_token"),
        _ => (int)asked,
    };

    private async Task ThrowIfUnknownAsync(IReadOnlyCollection<string> candidates, CancellationToken cancellationToken)
    {
        var unknown = await symbols.UnknownAsync(candidates, cancellationToken);
        if (unknown.Count > 0)
        {
            throw RequestErrors.NotFound(
                $"unknown symbol {RequestErrors.ListForMessage(unknown)}: no bars stored and no quote received; ListSymbols shows the known ones");
        }
    }
}
