using System.Text;
using System.Text.Json;
using QuotePlatform.Cli.Simulation;

namespace QuotePlatform.Cli.Tests.Simulation;

/// <summary>A simulated day in memory, with its lines parsed for assertions.</summary>
internal sealed class SimulatedDay
{
    // Friday.
    public static readonly DateOnly Date = new(2025, 6, 6);

    private SimulatedDay(byte[] bytes, SimulationSummary summary)
    {
        Bytes = bytes;
        Summary = summary;
    }

    public byte[] Bytes { get; }

    public SimulationSummary Summary { get; }

    public IEnumerable<JsonElement> Lines => Encoding.UTF8.GetString(Bytes)
        .Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(line => JsonDocument.Parse(line).RootElement);

    public static SimulatedDay Run(int symbols, int seed = 7, string? startSymbol = null)
    {
        var output = new MemoryStream();
        var summary = MarketSimulator.Run(new SimulationSettings(Date, symbols, seed, startSymbol), output);
        return new SimulatedDay(output.ToArray(), summary);
    }
}
