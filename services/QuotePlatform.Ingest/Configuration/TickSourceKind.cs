namespace QuotePlatform.Ingest.Configuration;

/// <summary>Where the ticks come from (Ingest:Source).</summary>
public enum TickSourceKind
{
    /// <summary>The QMT terminal through pythonnet and xtquant (or the simulated xtdata module).</summary>
    Qmt = 1,

    /// <summary>A recorded file of whole-quote payloads, one per line (the format `quote synth` reads).</summary>
    Replay = 2,
}
