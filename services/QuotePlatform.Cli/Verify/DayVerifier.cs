using ClickHouse.Driver;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Ticks;

namespace QuotePlatform.Cli.Verify;

/// <summary>
/// Re-derives a trading day's bars from the tick archive with the live bar engine and compares them,
/// symbol by symbol, with the stored bars; with repair, stores the derived bars where they are missing
/// or differ (a version above every live one, so they win). Reads 200 symbols at a time.
/// </summary>
internal sealed class DayVerifier(IClickHouseClient client, TimeProvider time)
{
    private const int RepairSequence = (1 << 22) - 1;

    public async IAsyncEnumerable<SymbolVerdict> RunAsync(VerifySettings settings, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var dayStart = Dates.TradingDates.DayStartUnixMs(settings.Date);
        var dayEnd = dayStart + BeijingTime.MillisecondsPerDay;
        var ticks = new TickReader(client);
        var bars = new BarReader(client);
        var symbols = settings.Symbols.Count > 0 ? settings.Symbols : await ticks.SymbolsAsync(dayStart, dayEnd, cancellationToken);
        var replay = new TickReplay(settings.AuctionBar, settings.Grace);
        var repairVersion = ((ulong)time.GetUtcNow().ToUnixTimeMilliseconds() << 22) | RepairSequence;
        foreach (var chunk in BarReader.SymbolChunks(symbols))
        {
            var derived = new Dictionary<string, IReadOnlyList<Bar>>(StringComparer.Ordinal);
            foreach (var group in await GroupAsync(ticks.ReadAllAsync(dayStart, dayEnd, chunk, cancellationToken)))
            {
                derived[group.Key] = replay.Run(group.Value);
            }

            var stored = new Dictionary<(string, BarPeriod, long), BarStoredValues>();
            foreach (var period in BarPeriods.All)
            {
                foreach (var row in await bars.ReadManyAsync(chunk, period, dayStart, dayEnd, limit: 0, cancellationToken))
                {
                    stored[(row.Symbol, period, row.FrameUnixMs)] = new BarStoredValues(
                        period, row.FrameUnixMs, row.Open, row.High, row.Low, row.Close, row.VolumeShares, row.AmountCny, row.QualityFlags);
                }
            }

            var repairs = new List<BarRow>();
            foreach (var symbol in chunk)
            {
                var verdict = Compare(symbol, derived.GetValueOrDefault(symbol) ?? [], stored);
                if (settings.Repair)
                {
                    repairs.AddRange(verdict.Missing.Concat(verdict.Differing.Select(d => d.Derived)).Select(bar => new BarRow(
                        bar.Symbol, (byte)bar.Period, bar.FrameUnixMs, bar.Open, bar.High, bar.Low, bar.Close, bar.VolumeShares, bar.AmountCny, (uint)bar.Quality, repairVersion)));
                }

                yield return verdict;
            }

            if (repairs.Count > 0)
            {
                await client.InsertBarsAsync(repairs, cancellationToken);
            }
        }
    }

    private static SymbolVerdict Compare(string symbol, IReadOnlyList<Bar> derived, Dictionary<(string, BarPeriod, long), BarStoredValues> stored)
    {
        var verdict = new SymbolVerdict(symbol) { Bars = derived.Count };
        var matched = new HashSet<(BarPeriod, long)>();
        foreach (var bar in derived)
        {
            if (!stored.TryGetValue((symbol, bar.Period, bar.FrameUnixMs), out var kept))
            {
                verdict.Missing.Add(bar);
                continue;
            }

            matched.Add((bar.Period, bar.FrameUnixMs));
            if (kept.Open != bar.Open || kept.High != bar.High || kept.Low != bar.Low || kept.Close != bar.Close
                || kept.VolumeShares != bar.VolumeShares || kept.AmountCny != bar.AmountCny || kept.QualityFlags != (uint)bar.Quality)
            {
                verdict.Differing.Add((bar, kept));
            }
        }

        verdict.Extra.AddRange(stored.Where(s => s.Key.Item1 == symbol && !matched.Contains((s.Key.Item2, s.Key.Item3)))
            .Select(s => s.Value).OrderBy(s => s.Period).ThenBy(s => s.FrameUnixMs));
        return verdict;
    }

    /// <summary>Ticks come ordered by symbol: one list per symbol (a chunk is at most 200 symbol-days, ~1 M ticks).</summary>
    private static async Task<Dictionary<string, List<TickRow>>> GroupAsync(IAsyncEnumerable<TickRow> ticks)
    {
        var groups = new Dictionary<string, List<TickRow>>(StringComparer.Ordinal);
        await foreach (var tick in ticks)
        {
            if (!groups.TryGetValue(tick.Symbol, out var list))
            {
                list = [];
                groups.Add(tick.Symbol, list);
            }

            list.Add(tick);
        }

        return groups;
    }
}
