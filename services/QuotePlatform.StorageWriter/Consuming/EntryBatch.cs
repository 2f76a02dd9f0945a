namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>The entries in hand, flushed by size (bars and ticks) or by the age of the oldest.</summary>
public sealed class EntryBatch(TimeProvider time)
{
    private readonly List<ConsumedEntry> _entries = [];
    private readonly HashSet<(string Stream, string Id)> _ids = [];
    private long _firstAddedAt;

    public IReadOnlyList<ConsumedEntry> Entries => _entries;

    public int Count => _entries.Count;

    public int Bars { get; private set; }

    public TimeSpan Age => _entries.Count == 0 ? TimeSpan.Zero : time.GetElapsedTime(_firstAddedAt);

    public bool Contains(ConsumedEntry entry) => _ids.Contains((entry.Stream, entry.Id));

    /// <summary>False when the entry is already in hand (a claim can return one just read).</summary>
    public bool Add(ConsumedEntry entry)
    {
        if (!_ids.Add((entry.Stream, entry.Id)))
        {
            return false;
        }

        if (_entries.Count == 0)
        {
            _firstAddedAt = time.GetTimestamp();
        }

        _entries.Add(entry);
        Bars += entry.RowCount;
        return true;
    }

    public void Clear()
    {
        _entries.Clear();
        _ids.Clear();
        Bars = 0;
    }
}
