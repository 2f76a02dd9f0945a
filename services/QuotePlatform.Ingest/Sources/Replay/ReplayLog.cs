namespace QuotePlatform.Ingest.Sources.Replay;

internal static partial class ReplayLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Replaying {Path} ({Bytes} bytes) {Pace}")]
    public static partial void Started(ILogger logger, string path, long bytes, string pace);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Path} line {Line}: malformed payload, skipped: {Error}")]
    public static partial void Malformed(ILogger logger, string path, long line, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay of {Path} consumed: {Lines} lines, {Pushes} pushes, {Malformed} malformed")]
    public static partial void Finished(ILogger logger, string path, long lines, long pushes, long malformed);
}
