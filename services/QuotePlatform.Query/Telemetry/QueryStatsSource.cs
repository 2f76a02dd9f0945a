using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.Query.Bars.DayCache;
using QuotePlatform.Query.Bars.Today;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.Query.Telemetry;

/// <summary>The query service's line in the pipeline statistics (quote stats, the admin API): its bars in memory.</summary>
internal sealed class QueryStatsSource(DayBarCache cache, IOptions<DayCacheOptions> options, TodayBars today, IOptions<TodayBarsOptions> todayOptions) : IPipelineStatsSource
{
    public string Service => "query";

    public string Instance { get; } = $"{Environment.MachineName}-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}";

    public Task<PipelineTotals> ReadAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new PipelineTotals(0, 0, 0, 0, 0, 0, new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["day_cache_bars"] = cache.Bars,
            ["day_cache_max_bars"] = options.Value.MaxBars,
            ["day_cache_bytes"] = cache.Bytes,
            ["day_cache_days"] = cache.Days,
            ["day_cache_hits_total"] = cache.Hits,
            ["day_cache_misses_total"] = cache.Misses,
            ["today_bars"] = today.Bars,
            ["today_max_bars"] = todayOptions.Value.MaxBars,
            ["today_bytes"] = today.Bytes,
            ["today_hits_total"] = today.Hits,
            ["today_misses_total"] = today.Misses,
            ["today_overflows_total"] = today.Overflows,
        }));
}
