using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.Query.Bars.DayCache;
using QuotePlatform.Query.Bars.CurrentDay;
using QuotePlatform.Streams.Stats;

namespace QuotePlatform.Query.Telemetry;

/// <summary>The query service's line in the pipeline statistics (quote stats, the admin API): its bars in memory.</summary>
internal sealed class QueryStatsSource(DayBarCache cache, IOptions<DayCacheOptions> options, CurrentDayBars currentDay, IOptions<CurrentDayOptions> currentDayOptions) : IPipelineStatsSource
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
            ["current_day_bars"] = currentDay.Bars,
            ["current_day_max_bars"] = currentDayOptions.Value.MaxBars,
            ["current_day_bytes"] = currentDay.Bytes,
            ["current_day_hits_total"] = currentDay.Hits,
            ["current_day_misses_total"] = currentDay.Misses,
            ["current_day_overflows_total"] = currentDay.Overflows,
        }));
}
