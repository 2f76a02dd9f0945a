using System.Diagnostics;
using System.Globalization;
using System.Text;
using ClickHouse.Driver;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Testing;

namespace QuotePlatform.Benchmarks.FullMarket.Measuring;

/// <summary>
/// Close-to-queryable latency per (period, frame): from the moment the ingest sealed a frame's final
/// bars (the bar engine closed them) until a SELECT sees all of them, polled every
/// <paramref name="pollInterval"/> (which bounds the resolution). One figure per frame rather than
/// per bar: a frame counts as visible once its last bar is.
/// </summary>
public sealed class VisibilityTracker(ClickHouseClient database, TimeSpan pollInterval)
{
    private readonly Dictionary<(int Period, long Frame), (int Count, long ClosedAt)> _pending = [];
    private readonly object _lock = new();

    public LatencyStats Latency { get; } = new();

    public long LastVisibleAt { get; private set; }

    public int Pending
    {
        get
        {
            lock (_lock)
            {
                return _pending.Count;
            }
        }
    }

    /// <summary>Final bars just sealed for sending (called by the ingest side).</summary>
    public void Closed(IReadOnlyList<Bar> bars)
    {
        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var bar in bars)
            {
                var key = ((int)bar.Period, bar.FrameUnixMs);
                _pending[key] = (_pending.TryGetValue(key, out var seen) ? seen.Count + 1 : 1, now);
            }
        }
    }

    /// <summary>
    /// A frame whose <paramref name="bars"/> final bars all left the producer, the last of them at
    /// <paramref name="closedAt"/> (Stopwatch timestamp): for an observer that learns it after the fact.
    /// </summary>
    public void Closed(int period, long frameUnixMs, int bars, long closedAt)
    {
        lock (_lock)
        {
            _pending[(period, frameUnixMs)] = (bars, closedAt);
        }
    }

    /// <summary>Polls until cancelled, or (with <paramref name="untilDrained"/>) until nothing is pending and <paramref name="untilDrained"/> says no more will come.</summary>
    public async Task RunAsync(Func<bool> untilDrained, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var done = untilDrained();
            string? sql;
            lock (_lock)
            {
                sql = _pending.Count == 0 ? null : Query();
            }

            if (sql is null)
            {
                if (done)
                {
                    return;
                }
            }
            else
            {
                await PollAsync(sql, cancellationToken);
            }

            await Task.Delay(pollInterval, cancellationToken);
        }
    }

    private async Task PollAsync(string sql, CancellationToken cancellationToken)
    {
        var visible = new List<(int Period, long Frame, long Count)>();
        using (var reader = await database.ExecuteReaderAsync(sql, cancellationToken: cancellationToken))
        {
            while (reader.Read())
            {
                visible.Add((Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture), Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture)));
            }
        }

        var now = Stopwatch.GetTimestamp();
        lock (_lock)
        {
            foreach (var (period, frame, count) in visible)
            {
                if (_pending.TryGetValue((period, frame), out var closed) && count >= closed.Count)
                {
                    Latency.Add(Stopwatch.GetElapsedTime(closed.ClosedAt, now));
                    _pending.Remove((period, frame));
                    LastVisibleAt = now;
                }
            }
        }
    }

    // Only frames still pending are counted, so the poll stays cheap as the table grows.
    private string Query()
    {
        var where = new StringBuilder();
        foreach (var group in _pending.Keys.GroupBy(k => k.Period))
        {
            where.Append(where.Length == 0 ? "" : " OR ").Append(CultureInfo.InvariantCulture,
                $"(period = {group.Key} AND frame IN ({string.Join(", ", group.Select(k => $"fromUnixTimestamp64Milli({k.Frame}, 'UTC')"))}))");
        }

        return $"SELECT period, toUnixTimestamp64Milli(frame), uniqExact(symbol) FROM bars WHERE {where} GROUP BY period, frame";
    }
}
