using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output;

/// <summary>Fixed-width columns, so a long range streams page by page without measuring it first.</summary>
internal sealed class BarTableOutput(TextWriter output) : IBarOutput
{
    private bool _headerWritten;

    public async Task WriteAsync(IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await output.WriteLineAsync(Row("symbol", "period", "frame (Beijing)", "open", "high", "low", "close", "volume", "amount", "flags").AsMemory(), cancellationToken);
            _headerWritten = true;
        }

        foreach (var bar in bars)
        {
            await output.WriteLineAsync(Row(
                bar.Symbol,
                bar.Period.ToLabel(),
                BeijingTime.ToDateTimeOffset(bar.FrameUnixMs).ToString(bar.Period == BarPeriod.OneDay ? "yyyy-MM-dd" : "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                Price(bar.Open),
                Price(bar.High),
                Price(bar.Low),
                Price(bar.Close),
                bar.VolumeShares.ToString("N0", CultureInfo.InvariantCulture),
                bar.AmountCny.ToString("N2", CultureInfo.InvariantCulture),
                Flags(bar.Quality)).AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    public static string Price(double price) => price.ToString("0.00##", CultureInfo.InvariantCulture);

    private static string Flags(BarQuality quality) => quality == BarQuality.None
        ? ""
        : string.Join('|', Enum.GetValues<BarQuality>().Where(f => f != BarQuality.None && quality.HasFlag(f)).Select(f => f.ToString().ToLowerInvariant()));

    private static string Row(string symbol, string period, string frame, string open, string high, string low, string close, string volume, string amount, string flags) =>
        $"{symbol,-10} {period,-6} {frame,-16} {open,10} {high,10} {low,10} {close,10} {volume,16} {amount,18}  {flags}".TrimEnd();
}
