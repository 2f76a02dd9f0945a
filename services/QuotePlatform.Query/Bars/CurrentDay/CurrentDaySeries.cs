using QuotePlatform.Storage.Bars;

namespace QuotePlatform.Query.Bars.CurrentDay;

/// <summary>
/// One symbol's bars of one period today, by frame, each the row of the highest version seen: what
/// the bars table's ReplacingMergeTree(version) keeps, and so what a FINAL read answers.
/// </summary>
internal sealed class CurrentDaySeries(string symbol, byte period)
{
    /// <summary>About what one bar costs here: its frame, its values and version, and the lists' spare room.</summary>
    public const int BytesPerBar = 96;

    private readonly Lock _gate = new();
    private readonly List<long> _frames = [];
    private readonly List<Values> _values = [];

    /// <summary>Keeps the row unless one of a higher version is held; true when it added a frame.</summary>
    public bool Apply(BarRow row)
    {
        var values = new Values(row.Open, row.High, row.Low, row.Close, row.VolumeShares, row.AmountCny, row.QualityFlags, row.Version);
        lock (_gate)
        {
            // Bars come mostly in frame order: look at the end first.
            var at = _frames.Count == 0 || _frames[^1] < row.FrameUnixMs ? ~_frames.Count : _frames.BinarySearch(row.FrameUnixMs);
            if (at < 0)
            {
                _frames.Insert(~at, row.FrameUnixMs);
                _values.Insert(~at, values);
                return true;
            }

            // Equal versions are one stream entry delivered twice: the same values.
            if (values.Version >= _values[at].Version)
            {
                _values[at] = values;
            }

            return false;
        }
    }

    /// <summary>Bars with from &lt;= frame &lt; to, oldest first, at most <paramref name="limit"/>, as BarReader returns them.</summary>
    public List<BarRow> Read(long fromUnixMs, long toUnixMs, int limit)
    {
        var rows = new List<BarRow>();
        lock (_gate)
        {
            var first = _frames.BinarySearch(fromUnixMs);
            for (var i = first < 0 ? ~first : first; i < _frames.Count && _frames[i] < toUnixMs && rows.Count < limit; i++)
            {
                var v = _values[i];
                rows.Add(new BarRow(symbol, period, _frames[i], v.Open, v.High, v.Low, v.Close, v.Volume, v.Amount, v.Flags, v.Version));
            }
        }

        return rows;
    }

    private readonly record struct Values(double Open, double High, double Low, double Close, long Volume, double Amount, uint Flags, ulong Version);
}
