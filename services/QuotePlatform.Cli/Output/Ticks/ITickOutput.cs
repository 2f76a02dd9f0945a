using QuotePlatform.Contracts.MarketData.V1;

namespace QuotePlatform.Cli.Output.Ticks;

/// <summary>Where `quote ticks` writes each page of ticks.</summary>
internal interface ITickOutput
{
    Task WriteAsync(IReadOnlyList<Tick> ticks, CancellationToken cancellationToken);
}
