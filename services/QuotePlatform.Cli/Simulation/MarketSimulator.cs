using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Simulation;

/// <summary>
/// A trading day of whole-market pushes as <c>xtdata.subscribe_whole_quote</c> delivers them: the
/// full snapshot at 09:15, then about every 3 s the instruments that changed. Opening call auction
/// 09:15–09:25 (indicative prices, no volume) matched at 09:25; continuous trading 09:30–11:30 and
/// 13:00–14:57 as a random walk inside the price limits; closing call auction 14:57–15:00 (the
/// indicative price in the book) matched at 15:00. Suspended instruments appear in the snapshot only.
/// Everything comes from one seeded <see cref="Random"/>, so a seed always gives the same bytes.
/// </summary>
internal static class MarketSimulator
{
    /// <summary>Status codes in the numbering the domain's StockStatus describes: 13 trading, 17 halted.</summary>
    public const int TradingStatus = 13;
    public const int SuspendedStatus = 17;

    private const long PushIntervalMs = 3_000;
    private const double ContinuousTradeChance = 0.8;
    private const double PriceMoveChance = 0.35;
    private const double AuctionChangeShare = 0.4;

    private static readonly int UnixEpochDay = new DateOnly(1970, 1, 1).DayNumber;
    private static readonly long OpeningAuction = BeijingTime.At(9, 15);
    private static readonly long ClosingAuction = BeijingTime.At(14, 57);

    public static SimulationSummary Run(SimulationSettings settings, Stream output)
    {
        var random = new Random(settings.Seed);
        var stocks = SymbolUniverse.Create(settings, random);
        var trading = stocks.Where(s => !s.Suspended).ToList();
        var dayStart = BeijingTime.DayStartUnixMs(settings.Date.DayNumber - UnixEpochDay);
        var changed = new List<SimulatedStock>(stocks.Count);
        using var writer = new PayloadLineWriter(output);

        // Ticks carry the exchange's snapshot time, a little after the push slot and different per instrument.
        void Push(long millisecondOfDay, IEnumerable<SimulatedStock> which) =>
            writer.WriteLine(which, dayStart + millisecondOfDay, _ => random.Next(1_000), TradingStatus, SuspendedStatus);

        foreach (var stock in trading)
        {
            Indicate(stock, random, stock.LastClose * (1 + ((random.NextDouble() - 0.5) * 0.04)), opening: true);
        }

        Push(OpeningAuction, stocks);
        Phase(OpeningAuction + PushIntervalMs, TradingSession.AuctionMatch, stock => random.NextDouble() < stock.Activity * AuctionChangeShare
            && Indicate(stock, random, stock.LastPrice + (random.Next(-1, 2) * SimulatedStock.PriceTick), opening: true));
        Match(TradingSession.AuctionMatch);
        Phase(TradingSession.ContinuousOpen + PushIntervalMs, TradingSession.MorningClose + 1, stock => Continuous(stock, random));
        Phase(TradingSession.AfternoonOpen + PushIntervalMs, ClosingAuction + 1, stock => Continuous(stock, random));
        Phase(ClosingAuction + PushIntervalMs, TradingSession.Close, stock => random.NextDouble() < stock.Activity * AuctionChangeShare
            && Indicate(stock, random, stock.BidPrices[0] + (random.Next(-1, 2) * SimulatedStock.PriceTick), opening: false));
        Match(TradingSession.Close);
        return new SimulationSummary(writer.Lines, writer.Ticks, trading.Count, [.. stocks.Where(s => s.Suspended).Select(s => s.Symbol)]);

        // One push per 3 s slot in [from, until) carrying the instruments that changed.
        void Phase(long from, long until, Func<SimulatedStock, bool> step)
        {
            for (var time = from; time < until; time += PushIntervalMs)
            {
                changed.Clear();
                changed.AddRange(trading.Where(step));
                if (changed.Count > 0)
                {
                    Push(time, changed);
                }
            }
        }

        // A call auction matches every trading instrument at its indicative price.
        void Match(long time)
        {
            foreach (var stock in trading)
            {
                var lots = Math.Max(1, stock.BidVolumes[0]);
                stock.Trade(stock.BidPrices[0], lots, 1 + (lots / 50));
                Book(stock, random);
            }

            Push(time, trading);
        }
    }

    /// <summary>An auction's indicative price and matchable volume, shown as bid 1 = ask 1.</summary>
    private static bool Indicate(SimulatedStock stock, Random random, double price, bool opening)
    {
        var indicative = stock.Clamp(price);
        var lots = (long)stock.LotScale * random.Next(5, 30);
        Array.Clear(stock.BidPrices);
        Array.Clear(stock.AskPrices);
        Array.Clear(stock.BidVolumes);
        Array.Clear(stock.AskVolumes);
        stock.BidPrices[0] = stock.AskPrices[0] = indicative;
        stock.BidVolumes[0] = stock.AskVolumes[0] = lots;

        // Before the open the terminal shows the indicative price as the last price; later it keeps the last trade.
        if (opening)
        {
            stock.LastPrice = indicative;
        }

        return true;
    }

    private static bool Continuous(SimulatedStock stock, Random random)
    {
        if (random.NextDouble() >= stock.Activity)
        {
            return false;
        }

        if (random.NextDouble() < ContinuousTradeChance)
        {
            var move = random.NextDouble() < PriceMoveChance ? (random.Next(2) * 2) - 1 : 0;
            var price = stock.Clamp(stock.LastPrice + (move * SimulatedStock.PriceTick));
            var lots = 1 + (long)(stock.LotScale * -Math.Log(1 - random.NextDouble()));
            stock.Trade(price, lots, 1 + (lots / 20));
        }

        Book(stock, random);
        return true;
    }

    /// <summary>Five levels each side one tick apart around the last price; none beyond the limits.</summary>
    private static void Book(SimulatedStock stock, Random random)
    {
        var bid = stock.LastPrice;
        for (var level = 0; level < SimulatedStock.BookLevels; level++)
        {
            var bidPrice = Math.Round(bid - (level * SimulatedStock.PriceTick), 2);
            var askPrice = Math.Round(bid + ((level + 1) * SimulatedStock.PriceTick), 2);
            var bidInside = bidPrice >= stock.LimitDown;
            var askInside = askPrice <= stock.LimitUp;
            stock.BidPrices[level] = bidInside ? bidPrice : 0;
            stock.BidVolumes[level] = bidInside ? random.Next(1, (stock.LotScale * 5) + 2) : 0;
            stock.AskPrices[level] = askInside ? askPrice : 0;
            stock.AskVolumes[level] = askInside ? random.Next(1, (stock.LotScale * 5) + 2) : 0;
        }
    }
}
