using System.ComponentModel.DataAnnotations;
using QuotePlatform.Configuration;

namespace QuotePlatform.Ingest.Configuration;

/// <summary>The Replay source (Ingest:Source = Replay).</summary>
public sealed class ReplayOptions : ISectionOptions
{
    public static string Section => "Ingest:Replay";

    /// <summary>JSON Lines of whole-quote payloads, one callback per line (`quote simulate` or a QMT recording).</summary>
    public string Path { get; set; } = "";

    /// <summary>0: as fast as possible; X: at X times the recorded pace (1: real time, 60: a minute per second).</summary>
    [Range(0, 1_000_000)]
    public double Speed { get; set; }

    /// <summary>Stop the process (exit code 0) once the file is consumed and every batch acknowledged.</summary>
    public bool ExitWhenDone { get; set; } = true;
}
