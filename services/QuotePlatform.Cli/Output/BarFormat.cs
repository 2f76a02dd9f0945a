namespace QuotePlatform.Cli.Output;

internal enum BarFormat
{
    /// <summary>Aligned columns for people.</summary>
    Table,

    /// <summary>A header line, then one bar per line.</summary>
    Csv,

    /// <summary>Exactly what `quote synth` writes (<see cref="BarJsonWriter"/>).</summary>
    Jsonl,
}
