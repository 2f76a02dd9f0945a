using System.Text;
using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Output;

/// <summary>
/// Bars as JSON Lines through the same <see cref="BarJsonWriter"/> `quote synth` uses, so a file of
/// stored bars compares line for line with a file synthesized from the ticks.
/// </summary>
internal sealed class BarJsonLinesOutput(TextWriter output) : IBarOutput
{
    public async Task WriteAsync(IReadOnlyList<Bar> bars, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BarJsonWriter(buffer))
        {
            foreach (var bar in bars)
            {
                writer.Write(bar);
            }
        }

        await output.WriteAsync(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).AsMemory(), cancellationToken);
        await output.FlushAsync(cancellationToken);
    }
}
