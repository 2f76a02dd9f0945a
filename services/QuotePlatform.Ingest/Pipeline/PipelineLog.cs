namespace QuotePlatform.Ingest.Pipeline;

internal static partial class PipelineLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest started: source {Source}, resuming after step {Step} output {Output} of this input")]
    public static partial void Resuming(ILogger logger, string source, long step, int output);

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingest started: source {Source}")]
    public static partial void Started(ILogger logger, string source);

    [LoggerMessage(Level = LogLevel.Information, Message = "Source finished; waiting until the relay has acknowledged {Batches} spooled batches")]
    public static partial void Draining(ILogger logger, int batches);

    [LoggerMessage(Level = LogLevel.Information, Message = "Replay complete: every batch acknowledged by the relay; stopping")]
    public static partial void ReplayComplete(ILogger logger);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The tick source failed and cannot recover; stopping after spooling what the engine holds")]
    public static partial void SourceFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The bar engine stage failed; stopping")]
    public static partial void EngineFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The live source {Source} returned although it was not asked to stop")]
    public static partial void SourceEnded(ILogger logger, string source);
}
