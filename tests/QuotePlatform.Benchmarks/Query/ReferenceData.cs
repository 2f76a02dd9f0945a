using System.Diagnostics;
using QuotePlatform.Benchmarks.Storage;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.Query;

/// <summary>Names and dividend factors for the query benchmark's symbols, and the name search it measures.</summary>
internal static class ReferenceData
{
    private const string Places = "华中东南西北江河海山天新金长恒安盛宏泰嘉鑫永兴利瑞丰和";
    private static readonly string[] Trades = ["科技", "电子", "医药", "股份", "能源", "材料", "智能", "控股", "电气", "环保"];

    /// <summary>Every symbol named (two place characters and a trade) as of the day, with a cash dividend after it (so FRONT computes).</summary>
    public static async Task StoreAsync(InstrumentStore store, int symbols, DateOnly day, CancellationToken cancellationToken)
    {
        var details = Enumerable.Range(0, symbols).Select(i => new InstrumentDetail(
            MinuteFeed.Symbol(i), day, Name(i), "SH", "stock", new DateOnly(2001, 1, 2), 0.01, 11, 9, 10, 1e9, 2e9, 1, 0)).ToList();
        await store.InsertDetailsAsync(details, 1, cancellationToken);
        await store.InsertFactorsAsync(
            [.. Enumerable.Range(0, symbols).Select(i => (MinuteFeed.Symbol(i), new DividendEvent(day.AddDays(30), 0.25, 0, i % 5 == 0 ? 0.3 : 0, 0, 0, 0, 1.05)))],
            1, cancellationToken);
    }

    /// <summary>500 ListSymbols calls one after the other, each by a part of a name ("华中", "科技", ...).</summary>
    public static async Task<LatencyStats> SearchAsync(QueryService.QueryServiceClient client, int symbols, CancellationToken cancellationToken)
    {
        var latency = new LatencyStats();
        var random = new Random(11);
        for (var n = 0; n < 550; n++)
        {
            var name = Name(random.Next(symbols));
            var part = n % 2 == 0 ? name[..2] : name[2..];
            var started = Stopwatch.GetTimestamp();
            var response = await client.ListSymbolsAsync(new ListSymbolsRequest { Search = part, PageSize = 100 }, cancellationToken: cancellationToken);
            if (response.Symbols.Count == 0)
            {
                throw new InvalidOperationException($"no symbol named with '{part}'");
            }

            if (n >= 50) // the first ones warm the name cache
            {
                latency.Add(Stopwatch.GetElapsedTime(started));
            }
        }

        return latency;
    }

    private static string Name(int i) => $"{Places[i % Places.Length]}{Places[(i / Places.Length) % Places.Length]}{Trades[(i / 7) % Trades.Length]}";
}
