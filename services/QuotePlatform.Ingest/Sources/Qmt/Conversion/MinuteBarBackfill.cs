namespace QuotePlatform.Ingest.Sources.Qmt.Conversion;

/// <summary>
/// Missed minutes, from get_market_data_ex 1m history of the whole day so far: the bars ending after
/// the last tick received, up to the one still forming now, become ticks (see
/// <see cref="MinuteBarTicks"/>; the forming one's stamped at now), one push per minute in time order,
/// so the engine builds those minutes as if it had seen them live and the live pushes that follow
/// add only what is new. The day's earlier bars only build up each stock's cumulative volume and amount.
/// </summary>
internal sealed record MinuteBarBackfill(IReadOnlyList<TickPush> Pushes, MinuteBarTicks Converter, int Bars, int Minutes)
{
    public static MinuteBarBackfill Build(string[] codes, double[] values, int width, long afterUnixMs, long untilUnixMs, long receivedUnixMs)
    {
        var converter = new MinuteBarTicks();
        var byMinute = new SortedDictionary<long, List<SourceTick>>();
        var bars = 0;
        for (var i = 0; i < codes.Length; i++)
        {
            var bar = values.AsSpan(i * width, width);
            var label = (long)bar[0];
            var emit = label > afterUnixMs && label <= untilUnixMs + 60_000;
            if (!emit)
            {
                converter.Append(codes[i], bar, [], emit: false);
                continue;
            }

            if (!byMinute.TryGetValue(label, out var ticks))
            {
                ticks = [];
                byMinute[label] = ticks;
            }

            var before = ticks.Count;
            converter.Append(codes[i], bar, ticks, notBeforeUnixMs: afterUnixMs, notAfterUnixMs: untilUnixMs);
            bars += ticks.Count > before ? 1 : 0;
        }

        var pushes = byMinute.Values.Where(ticks => ticks.Count > 0).Select(ticks => new TickPush(receivedUnixMs, ticks)).ToList();
        return new MinuteBarBackfill(pushes, converter, bars, byMinute.Count);
    }
}
