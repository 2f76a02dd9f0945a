using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Ingest.Sources.Qmt.Conversion;

/// <summary>Turns the bridge's flattened ticks (see quoteplatform_bridge.TICK_WIDTH) into source ticks.</summary>
internal static class PackedTicks
{
    private const int Levels = 5;

    public static SourceTick[] Decode(string[] codes, double[] values, int width)
    {
        var ticks = new SourceTick[codes.Length];
        for (var i = 0; i < codes.Length; i++)
        {
            var v = values.AsSpan(i * width, width);
            var tick = new MarketTick((long)v[0], v[1], v[3], v[4], v[5], v[6], (long)v[7], (int)v[8]);
            var (bidPrices, bidVolumes) = Side(v.Slice(9, Levels), v.Slice(9 + Levels, Levels));
            var (askPrices, askVolumes) = Side(v.Slice(9 + (2 * Levels), Levels), v.Slice(9 + (3 * Levels), Levels));
            ticks[i] = new SourceTick(codes[i], tick, new TickBook(v[2], bidPrices, bidVolumes, askPrices, askVolumes, (long)v[9 + (4 * Levels)], (long)v[10 + (4 * Levels)]));
        }

        return ticks;
    }

    /// <summary>Levels up to the last quoted price: an empty side (price 0, e.g. at a price limit) has no levels.</summary>
    private static (double[] Prices, long[] Volumes) Side(ReadOnlySpan<double> prices, ReadOnlySpan<double> volumes)
    {
        var depth = prices.Length;
        while (depth > 0 && prices[depth - 1] == 0)
        {
            depth--;
        }

        var lots = new long[depth];
        for (var i = 0; i < depth; i++)
        {
            lots[i] = (long)volumes[i];
        }

        return (prices[..depth].ToArray(), lots);
    }
}
