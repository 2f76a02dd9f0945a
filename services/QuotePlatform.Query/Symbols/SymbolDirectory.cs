using ClickHouse.Driver;
using ClickHouse.Driver.ADO.Parameters;
using ClickHouse.Driver.Utility;
using Microsoft.Extensions.Options;
using QuotePlatform.Query.Hosting;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Query.Symbols;

/// <summary>
/// Symbols known to the platform: stored in ClickHouse or holding a latest quote in Redis. The full
/// list is cached briefly (the symbol search asks per keystroke); "is this symbol known", which
/// decides NOT_FOUND, always asks the stores so a symbol that just arrived is never refused.
/// </summary>
internal sealed class SymbolDirectory(
    IClickHouseClient clickHouse,
    IConnectionMultiplexer redis,
    StreamKeys keys,
    ShardRouter router,
    IOptions<QueryServiceOptions> options,
    TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private (IReadOnlyList<KnownSymbol> Symbols, long LoadedAt)? _cached;

    /// <summary>Every known symbol, ordered by code.</summary>
    public async Task<IReadOnlyList<KnownSymbol>> ListAsync(CancellationToken cancellationToken)
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

            var stored = await StoredAsync(null, cancellationToken);
            var quoted = await QuotedAsync(cancellationToken);
            var symbols = stored.Union(quoted)
                .Order(StringComparer.Ordinal)
                .Select(symbol => new KnownSymbol(symbol, stored.Contains(symbol), quoted.Contains(symbol)))
                .ToList();
            _cached = (symbols, time.GetTimestamp());
            return symbols;
        }
        finally
        {
            _refresh.Release();
        }
    }

    /// <summary>The symbols of the list that neither store has heard of, in the order given.</summary>
    public async Task<IReadOnlyList<string>> UnknownAsync(IReadOnlyCollection<string> symbols, CancellationToken cancellationToken)
    {
        if (symbols.Count == 0)
        {
            return [];
        }

        var stored = await StoredAsync(symbols, cancellationToken);
        var database = redis.GetDatabase();
        var unknown = new List<string>();
        foreach (var symbol in symbols.Where(s => !stored.Contains(s)))
        {
            if (!await database.HashExistsAsync(keys.LatestQuotes(router.ShardOf(symbol)), symbol).WaitAsync(cancellationToken))
            {
                unknown.Add(symbol);
            }
        }

        return unknown;
    }

    public void Dispose() => _refresh.Dispose();

    private IReadOnlyList<KnownSymbol>? Fresh() =>
        _cached is { } cached && time.GetElapsedTime(cached.LoadedAt) < options.Value.SymbolCacheDuration ? cached.Symbols : null;

    /// <summary>Distinct stored symbols, all or among <paramref name="only"/>; symbol leads the sort key, so this reads marks, not bars.</summary>
    private async Task<HashSet<string>> StoredAsync(IReadOnlyCollection<string>? only, CancellationToken cancellationToken)
    {
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        if (only is null)
        {
            await StoredAsync(null, symbols, cancellationToken);
        }
        else
        {
            foreach (var chunk in BarReader.SymbolChunks(only))
            {
                await StoredAsync(chunk, symbols, cancellationToken);
            }
        }

        return symbols;
    }

    private async Task StoredAsync(string[]? only, HashSet<string> symbols, CancellationToken cancellationToken)
    {
        var parameters = new ClickHouseParameterCollection();
        var filter = "";
        if (only is not null)
        {
            parameters.AddParameter("symbols", only);
            filter = "WHERE symbol IN {symbols:Array(String)}";
        }

        using var reader = await clickHouse.ExecuteReaderAsync(
            $"SELECT DISTINCT symbol FROM {TableNames.Bars} {filter}", parameters, cancellationToken: cancellationToken);
        while (reader.Read())
        {
            symbols.Add(reader.GetString(0));
        }
    }

    private async Task<HashSet<string>> QuotedAsync(CancellationToken cancellationToken)
    {
        var database = redis.GetDatabase();
        var shards = await Task.WhenAll(Enumerable.Range(0, router.ShardCount)
            .Select(shard => database.HashKeysAsync(keys.LatestQuotes(shard)).WaitAsync(cancellationToken)));
        return shards.SelectMany(fields => fields).Select(field => (string)field!).ToHashSet(StringComparer.Ordinal);
    }
}
