using System.Diagnostics;
using System.Threading.Channels;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// Push-to-latest-quote-visible latency: for each push, the last instrument in it (so the last quote
/// the push's batches carry) is watched in Redis, where the query service reads latest quotes, until
/// the relay's quote-time hash holds that tick's time. Polled every millisecond; one push at a time
/// (a push arriving while one is watched is skipped, so the probe never queues up behind itself).
/// </summary>
public sealed class QuoteProbe(IDatabase redis, StreamKeys keys, ShardRouter router)
{
    private readonly Channel<(long Arrived, string Symbol, long TickTime)> _pushes =
        Channel.CreateBounded<(long, string, long)>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public LatencyStats Latency { get; } = new();

    public long TimedOut { get; private set; }

    public void Pushed(long arrived, string symbol, long tickTime) => _pushes.Writer.TryWrite((arrived, symbol, tickTime));

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var (arrived, symbol, tickTime) in _pushes.Reader.ReadAllAsync(cancellationToken))
            {
                var key = $"{keys.LatestQuotes(router.ShardOf(symbol))}:times";
                while (true)
                {
                    var stored = await redis.HashGetAsync(key, symbol);
                    if (stored.TryParse(out long time) && time >= tickTime)
                    {
                        lock (Latency)
                        {
                            Latency.Add(Stopwatch.GetElapsedTime(arrived));
                        }

                        break;
                    }

                    if (Stopwatch.GetElapsedTime(arrived) > TimeSpan.FromSeconds(10))
                    {
                        TimedOut++;
                        break;
                    }

                    await Task.Delay(1, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
