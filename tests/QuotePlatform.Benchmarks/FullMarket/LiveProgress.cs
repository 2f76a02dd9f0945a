using System.Globalization;
using QuotePlatform.Benchmarks.FullMarket.Measuring;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Benchmarks.FullMarket;

/// <summary>A line a minute while a live run goes: market clock, both latencies so far, memory.</summary>
public static class LiveProgress
{
    public static async Task RunAsync(QuoteProbe probe, VisibilityTracker tracker, RssSampler sampler, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(TimeSpan.FromMinutes(1), cancellationToken);
                string quotes;
                lock (probe.Latency)
                {
                    quotes = probe.Latency.Summary();
                }

                var clock = probe.LastQuoteTimeUnixMs > 0 ? BeijingTime.Format(probe.LastQuoteTimeUnixMs) : "-";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"[{clock}] frames visible {tracker.Latency.Summary()} ({tracker.Pending} pending); quotes {quotes}; RSS {sampler.Latest()}"));
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }
}
