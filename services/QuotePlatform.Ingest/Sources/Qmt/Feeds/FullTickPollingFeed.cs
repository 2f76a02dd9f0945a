using QuotePlatform.Ingest.Sources.Qmt.Conversion;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Sources.Qmt.Feeds;

/// <summary>The last fallback: ask get_full_tick for the whole market every push interval and pass on what changed.</summary>
internal sealed class FullTickPollingFeed(XtDataModule xt, QmtOptions options, TimeProvider clock, FeedPushes pushes, CancellationToken stopping)
    : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);

    /// <summary>Runs until stopped; faults when the link is gone.</summary>
    public Task Polling { get; private set; } = Task.CompletedTask;

    public void Start(string[] codes) => Polling = Task.Run(() => PollAsync(codes, _stop.Token), CancellationToken.None);

    private async Task PollAsync(string[] codes, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, (long Time, long Volume)>(codes.Length, StringComparer.Ordinal);
        using var timer = new PeriodicTimer(options.PushInterval, clock);
        do
        {
            var (tickCodes, values) = xt.FullTick(codes);
            var changed = PackedTicks.Decode(tickCodes, values, xt.TickWidth)
                .Where(tick => !seen.TryGetValue(tick.Symbol, out var last) || last != (tick.Tick.TimeUnixMs, tick.Tick.VolumeLots))
                .ToArray();
            foreach (var tick in changed)
            {
                seen[tick.Symbol] = (tick.Tick.TimeUnixMs, tick.Tick.VolumeLots);
            }

            await pushes.DeliverAsync(changed, cancellationToken);
        }
        while (await timer.WaitForNextTickAsync(cancellationToken));
    }

    /// <summary>Stops polling; a get_full_tick in progress is let finish (it cannot be interrupted).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await Polling.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None);
        }
        catch (Exception)
        {
            // Stopping: its failure, if any, was the reason to stop (the watch loop reported it).
        }

        _stop.Dispose();
    }
}
