using QuotePlatform.Contracts.Ingest.V1;
using QuotePlatform.Domain.Validation;
using QuotePlatform.Relay.Validation;
using QuotePlatform.Streams;

namespace QuotePlatform.Relay.Ingest;

/// <summary>Validates every item on its own (a bad item never costs its neighbours) and groups the rest by shard.</summary>
public sealed class BatchPreparer(ShardRouter router)
{
    public PreparedBatch Prepare(PublishRequest request)
    {
        var shards = new ShardWrite?[router.ShardCount];
        var rejections = new List<Rejection>();
        var acceptedBars = 0;
        for (var i = 0; i < request.Bars.Count; i++)
        {
            var bar = request.Bars[i];
            if (BarChecks.Validate(bar) is { } problem)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Bar, i, bar.Symbol, problem));
                continue;
            }

            var write = ShardFor(shards, bar.Symbol);
            (bar.Final ? write.Final : write.Forming).Bars.Add(bar);
            acceptedBars++;
        }

        var acceptedQuotes = 0;
        for (var i = 0; i < request.Quotes.Count; i++)
        {
            var quote = request.Quotes[i];
            if (QuoteValidator.Validate(quote) is { } problem)
            {
                rejections.Add(Reject(Rejection.Types.ItemKind.Quote, i, quote.Symbol, problem));
                continue;
            }

            ShardFor(shards, quote.Symbol).Quotes.Add(quote);
            acceptedQuotes++;
        }

        return new PreparedBatch(
            request.Sequence, request.CreatedUnixMs, [.. shards.OfType<ShardWrite>()], acceptedBars, acceptedQuotes, rejections);
    }

    private ShardWrite ShardFor(ShardWrite?[] shards, string symbol)
    {
        var shard = router.ShardOf(symbol);
        return shards[shard] ??= new ShardWrite(shard);
    }

    private static Rejection Reject(Rejection.Types.ItemKind kind, int index, string symbol, BarRejection problem) => new()
    {
        Kind = kind,
        Index = (uint)index,
        Symbol = symbol,
        Reason = problem.Reason,
        Detail = problem.Detail,
    };
}
