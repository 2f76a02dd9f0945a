namespace QuotePlatform.Storage.Bars;

/// <summary>
/// Bars of a few symbols as columns, as a panel read delivers them: the first
/// <c>BarCounts[0]</c> values of every column belong to <c>Symbols[0]</c>, and so on.
/// </summary>
public sealed class BarBlock(int capacity)
{
    public List<string> Symbols { get; } = [];

    public List<uint> BarCounts { get; } = [];

    public List<long> FrameUnixMs { get; } = new(capacity);

    public List<double> Open { get; } = new(capacity);

    public List<double> High { get; } = new(capacity);

    public List<double> Low { get; } = new(capacity);

    public List<double> Close { get; } = new(capacity);

    public List<long> VolumeShares { get; } = new(capacity);

    public List<double> AmountCny { get; } = new(capacity);

    public List<uint> QualityFlags { get; } = new(capacity);

    public int Count => FrameUnixMs.Count;

    /// <summary>Starts a new run of <paramref name="symbol"/> unless the last bar added was of it.</summary>
    public void StartSymbol(string symbol)
    {
        if (Symbols.Count == 0 || !ReferenceEquals(Symbols[^1], symbol))
        {
            Symbols.Add(symbol);
            BarCounts.Add(0);
        }
    }

    public void Add(long frameUnixMs, double open, double high, double low, double close, long volumeShares, double amountCny, uint qualityFlags)
    {
        FrameUnixMs.Add(frameUnixMs);
        Open.Add(open);
        High.Add(high);
        Low.Add(low);
        Close.Add(close);
        VolumeShares.Add(volumeShares);
        AmountCny.Add(amountCny);
        QualityFlags.Add(qualityFlags);
        BarCounts[^1]++;
    }
}
