using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Storage.Reference;

namespace QuotePlatform.Query.Symbols;

/// <summary>
/// Every instrument's name and type today (its latest stored details), cached as briefly as the symbol list:
/// the search asks per keystroke, and a name search over the whole market is a scan of a few thousand strings.
/// </summary>
internal sealed class InstrumentNames(InstrumentStore store, IOptions<QueryServiceOptions> options, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyDictionary<string, SymbolName> Names, long LoadedAt)? _cached;

    public async Task<IReadOnlyDictionary<string, SymbolName>> CurrentAsync(CancellationToken cancellationToken)
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

            var today = DateOnly.FromDateTime(BeijingTime.ToDateTimeOffset(time.GetUtcNow().ToUnixTimeMilliseconds()).DateTime);
            var names = (await store.SearchAsync("", today, int.MaxValue, cancellationToken)).ToDictionary(n => n.Symbol, StringComparer.Ordinal);
            _cached = (names, time.GetTimestamp());
            return names;
        }
        finally
        {
            _refresh.Release();
        }
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyDictionary<string, SymbolName>? Fresh() =>
        _cached is { } cached && time.GetElapsedTime(cached.LoadedAt) < options.Value.SymbolCacheDuration ? cached.Names : null;
}
