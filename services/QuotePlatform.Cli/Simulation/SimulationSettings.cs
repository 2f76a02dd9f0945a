namespace QuotePlatform.Cli.Simulation;

/// <summary>
/// One simulated trading day: the date (Beijing), how many instruments, the seed that makes it
/// repeatable, and optionally the first code of a consecutive range instead of a mixed market.
/// </summary>
internal sealed record SimulationSettings(DateOnly Date, int Symbols, int Seed, string? StartSymbol = null);
