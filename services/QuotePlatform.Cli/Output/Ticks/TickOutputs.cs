namespace QuotePlatform.Cli.Output.Ticks;

internal static class TickOutputs
{
    public static ITickOutput Create(BarFormat format, TextWriter output) => format switch
    {
        BarFormat.Csv => new TickCsvOutput(output),
        BarFormat.Jsonl => new TickJsonLinesOutput(output),
        _ => new TickTableOutput(output),
    };
}
