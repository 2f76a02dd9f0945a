namespace QuotePlatform.Cli.Output;

internal static class BarOutputs
{
    public static IBarOutput Create(BarFormat format, TextWriter output) => format switch
    {
        BarFormat.Csv => new BarCsvOutput(output),
        BarFormat.Jsonl => new BarJsonLinesOutput(output),
        _ => new BarTableOutput(output),
    };
}
