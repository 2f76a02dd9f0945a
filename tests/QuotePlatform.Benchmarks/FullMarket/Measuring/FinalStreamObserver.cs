using System.Diagnostics;
using QuotePlatform.Streams;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// Learns when each watched (period, frame)'s final bars left the ingest: reads every shard's final
/// stream with plain XREAD (no consumer group, so the writer's group and the relay's trimming see no
/// extra reader) and, once a frame's expected bar count has gone by, hands the frame to the tracker
/// with the batch-created time (created_ms, which the relay stores with every entry) of the last
/// entry that carried one of its bars. The ingest's clock and this one are the same machine's.
/// </summary>
public sealed class FinalStreamObserver(IDatabase redis, StreamKeys keys, int shardCount, IReadOnlyDictionary<(int Period, long Frame), int> watched, VisibilityTracker tracker, TimeProvider time)
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(5);
    private readonly Dictionary<(int Period, long Frame), (int Seen, long LastCreatedUnixMs)> _progress = [];
    private int _complete;

    public long Entries { get; private set; }

    public long Bars { get; private set; }

    /// <summary>Every watched frame has been handed to the tracker.</summary>
    public bool Complete => Volatile.Read(ref _complete) == watched.Count;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var positions = Enumerable.Range(0, shardCount).Select(shard => new StreamPosition(keys.Bars(shard), "0-0")).ToArray();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var streams = await redis.StreamReadAsync(positions, countPerStream: 200);
                var read = 0;
                foreach (var stream in streams)
                {
                    if (stream.Entries.Length == 0)
                    {
                        continue;
                    }

                    foreach (var entry in stream.Entries)
                    {
                        Observe(BarStreamEntry.Parse(entry));
                    }

                    read += stream.Entries.Length;
                    var index = Array.FindIndex(positions, p => p.Key == stream.Key);
                    positions[index] = new StreamPosition(stream.Key, stream.Entries[^1].Id);
                }

                if (read == 0)
                {
                    await Task.Delay(IdlePoll, time, cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private void Observe(BarStreamEntry entry)
    {
        Entries++;
        Bars += entry.Batch.Bars.Count;
        foreach (var bar in entry.Batch.Bars)
        {
            var key = ((int)bar.Period, bar.FrameUnixMs);
            if (!watched.TryGetValue(key, out var expected))
            {
                continue;
            }

            _progress.TryGetValue(key, out var progress);
            progress = (progress.Seen + 1, Math.Max(progress.LastCreatedUnixMs, entry.CreatedUnixMs));
            _progress[key] = progress;
            if (progress.Seen == expected)
            {
                // The created time on the tracker's Stopwatch scale: now, less how long ago it was.
                var ago = TimeSpan.FromMilliseconds(Math.Max(0, time.GetUtcNow().ToUnixTimeMilliseconds() - progress.LastCreatedUnixMs));
                tracker.Closed(key.Item1, key.Item2, expected, Stopwatch.GetTimestamp() - (long)(ago.TotalSeconds * Stopwatch.Frequency));
                Interlocked.Increment(ref _complete);
            }
        }
    }
}
