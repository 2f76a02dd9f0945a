using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Storage.Reference;

namespace QuotePlatform.Query.Reference;

/// <summary>
/// Every symbol's dividend factors (a few per symbol; they change once a day, in the morning), read whole and
/// kept as briefly as the symbol list (Query:SymbolCacheDuration): an adjusted GetBars then costs no read
/// beyond the bars themselves.
/// </summary>
internal sealed class DividendFactorCache(InstrumentStore store, IOptions<QueryServiceOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyDictionary<string, DividendAdjuster> Adjusters, long LoadedAt)? _cached;

    /// <summary>The adjuster of a symbol, null when it has no dividend events.</summary>
    public async Task<DividendAdjuster?> ForAsync(string symbol, CancellationToken cancellationToken) =>
        (await CurrentAsync(cancellationToken)).GetValueOrDefault(symbol);

    private async Task<IReadOnlyDictionary<string, DividendAdjuster>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            var factors = await store.FactorsAsync(null, cancellationToken);
            var adjusters = factors.ToDictionary(f => f.Key, f => new DividendAdjuster(f.Value), StringComparer.Ordinal);
            _cached = (adjusters, time.GetTimestamp());
            return adjusters;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyDictionary<string, DividendAdjuster>? Fresh() =>
        _cached is { } cached && time.GetElapsedTime(cached.LoadedAt) < options.Value.SymbolCacheDuration ? cached.Adjusters : null;
}
