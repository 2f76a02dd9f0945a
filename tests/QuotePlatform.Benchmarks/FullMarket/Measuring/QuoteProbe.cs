using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Streams;
using StackExchange.Redis;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// Push-to-latest-quote-visible latency: one instrument's latest quote is read every
/// <see cref="PollInterval"/> from the relay's latest-quote hash in Redis (where the query service
/// reads latest quotes); each time a newer snapshot shows up, the figure is the time it was seen
/// minus the quote's received_unix_ms (when the ingest received the push that carried it). Watching
/// the push's last instrument makes it the time until the whole push is visible. The first
/// snapshot seen is not counted (it may have been there before the probe looked).
/// </summary>
public sealed class QuoteProbe(IDatabase redis, StreamKeys keys, ShardRouter router, string symbol, TimeProvider time)
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(1);

    public string Symbol => symbol;

    public LatencyStats Latency { get; } = new();

    /// <summary>Newer snapshots seen without a received time (an ingest that does not set it).</summary>
    public long WithoutReceivedTime { get; private set; }

    /// <summary>Exchange time of the newest snapshot seen (epoch ms), 0 before the first.</summary>
    public long LastQuoteTimeUnixMs { get; private set; }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var key = keys.LatestQuotes(router.ShardOf(symbol));
        var first = true;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var stored = await redis.HashGetAsync(key, symbol);
                var seenAt = time.GetUtcNow().ToUnixTimeMilliseconds();
                if (!stored.IsNull && Quote.Parser.ParseFrom((byte[])stored!) is { } quote && quote.TimeUnixMs > LastQuoteTimeUnixMs)
                {
                    LastQuoteTimeUnixMs = quote.TimeUnixMs;
                    if (first)
                    {
                        first = false;
                    }
                    else if (quote.ReceivedUnixMs <= 0)
                    {
                        WithoutReceivedTime++;
                    }
                    else
                    {
                        lock (Latency)
                        {
                            Latency.Add(TimeSpan.FromMilliseconds(seenAt - quote.ReceivedUnixMs));
                        }
                    }
                }

                await Task.Delay(PollInterval, time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
