namespace QuotePlatform.Cli.Simulation;

/// <summary>What `quote simulate` wrote.</summary>
internal sealed record SimulationSummary(long Lines, long Ticks, int TradingSymbols, IReadOnlyList<string> SuspendedSymbols)
{
    public override string ToString() =>
        $"{Lines} pushes, {Ticks} ticks; {TradingSymbols} symbols trading, {SuspendedSymbols.Count} suspended ({string.Join(", ", SuspendedSymbols)})";
}
