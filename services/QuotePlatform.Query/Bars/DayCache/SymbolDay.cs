using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Bars.DayCache;

/// <summary>
/// One symbol's bars of one cached day as columns (what ClickHouse answered with FINAL, by frame),
/// and the signature of the stored rows they were read under.
/// </summary>
internal sealed class SymbolDay(string symbol, byte period, StoredSignature signature, int capacity)
{
    private readonly List<long> _frames = new(capacity);
    private readonly List<(double Open, double High, double Low, double Close, long Volume, double Amount, uint Flags)> _values = new(capacity);

    public string Symbol => symbol;

    public StoredSignature Signature => signature;

    public int Count => _frames.Count;

    /// <summary>Set by the check when ClickHouse holds other rows than those read: no longer answers.</summary>
    public bool Stale { get; set; }

    public void Add(long frameUnixMs, double open, double high, double low, double close, long volume, double amount, uint flags)
    {
        _frames.Add(frameUnixMs);
        _values.Add((open, high, low, close, volume, amount, flags));
    }

    /// <summary>Bars with from &lt;= frame &lt; to, oldest first, at most <paramref name="limit"/>, as BarReader returns them.</summary>
    public List<BarRow> Read(long fromUnixMs, long toUnixMs, int limit)
    {
        var rows = new List<BarRow>();
        var first = _frames.BinarySearch(fromUnixMs);
        for (var i = first < 0 ? ~first : first; i < _frames.Count && _frames[i] < toUnixMs && rows.Count < limit; i++)
        {
            var v = _values[i];
            rows.Add(new BarRow(symbol, period, _frames[i], v.Open, v.High, v.Low, v.Close, v.Volume, v.Amount, v.Flags, Version: 0));
        }

        return rows;
    }
}
