using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Storage.Reference;

namespace QuotePlatform.Query.Symbols;

/// <summary>
/// Every instrument's name and type today (its latest stored details), cached as briefly as the symbol list:
/// the search asks per keystroke, and a name search over the whole market is a scan of a few thousand strings.
/// Once loaded, a stale list is still answered while a fresh one loads in the background: names change once a
/// day, and no keystroke waits for the reload.
/// </summary>
internal sealed partial class InstrumentNames(
    InstrumentStore store, IOptions<QueryServiceOptions> options, TimeProvider time, ILogger<InstrumentNames> logger) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyDictionary<string, SymbolName> Names, long LoadedAt)? _cached;

    public async Task<IReadOnlyDictionary<string, SymbolName>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } fresh)
        {
            return fresh;
        }

        if (_cached is { } stale)
        {
            if (_refresh.Wait(0))
            {
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await LoadAsync(CancellationToken.None);
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        LogReloadFailed(ex); // the stale list stays; the next call tries again
                    }
                    finally
                    {
                        _refresh.Release();
                    }
                }, CancellationToken.None);
            }

            return stale.Names;
        }

        await _refresh.WaitAsync(cancellationToken);
        try
        {
            if (Fresh() is { } loadedMeanwhile)
            {
                return loadedMeanwhile;
            }

            return await LoadAsync(cancellationToken);
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SymbolName>> LoadAsync(CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(BeijingTime.ToDateTimeOffset(time.GetUtcNow().ToUnixTimeMilliseconds()).DateTime);
        var names = (await store.SearchAsync("", today, int.MaxValue, cancellationToken)).ToDictionary(n => n.Symbol, StringComparer.Ordinal);
        _cached = (names, time.GetTimestamp());
        return names;
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyDictionary<string, SymbolName>? Fresh() =>
        _cached is { } cached && time.GetElapsedTime(cached.LoadedAt) < options.Value.SymbolCacheDuration ? cached.Names : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reloading the instruments' names failed; the last list is kept and the next search tries again")]
    private partial void LogReloadFailed(Exception exception);
}
