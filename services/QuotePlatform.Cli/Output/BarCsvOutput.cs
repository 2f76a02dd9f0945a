using System.Globalization;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output;

/// <summary>CSV with a header; frames in Beijing time with their offset, numbers invariant and round-trip exact.</summary>
internal sealed class BarCsvOutput(TextWriter output) : IBarOutput
{
    public const string Header = "symbol,period,frame,open,high,low,close,volume,amount,quality";

    private bool _headerWritten;

    public async Task WriteAsync(IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        if (!_headerWritten)
        {
            await output.WriteLineAsync(Header.AsMemory(), cancellationToken);
            _headerWritten = true;
        }

        foreach (var bar in bars)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"{bar.Symbol},{bar.Period.ToLabel()},{BeijingTime.Format(bar.FrameUnixMs)},{bar.Open},{bar.High},{bar.Low},{bar.Close},{bar.VolumeShares},{Math.Round(bar.AmountCny, 2)},{(uint)bar.Quality}").AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }
}
