using QuotePlatform.Domain.Bars;

namespace QuotePlatform.Cli.Output;

/// <summary>Where fetched or received bars go, a batch at a time (streamed: a range may be large).</summary>
internal interface IBarOutput
{
    Task WriteAsync(IReadOnlyList<Bar> bars, CancellationToken cancellationToken);
}
