using System.Collections.Concurrent;

namespace QuotePlatform.Query.Live;

/// <summary>Entries sent to the client and not yet acknowledged: the subscription's flow control.</summary>
public sealed class UnackedDeliveries(int limit)
{
    private readonly ConcurrentDictionary<(int Shard, string Id), byte> _entries = new();
    private TaskCompletionSource _released = New();

    public int Count => _entries.Count;

    public bool Full => _entries.Count >= limit;

    public bool Contains(int shard, string id) => _entries.ContainsKey((shard, id));

    public void Sent(int shard, string id) => _entries.TryAdd((shard, id), 0);

    public void Acked(int shard, string id)
    {
        if (_entries.TryRemove((shard, id), out _))
        {
            Interlocked.Exchange(ref _released, New()).TrySetResult();
        }
    }

    /// <summary>Completes at the next acknowledgement of a sent entry (take it before checking <see cref="Full"/>).</summary>
    public Task Released => Volatile.Read(ref _released).Task;

    private static TaskCompletionSource New() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
