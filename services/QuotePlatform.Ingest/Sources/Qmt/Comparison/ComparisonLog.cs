using Microsoft.Extensions.Logging;

namespace QuotePlatform.Ingest.Sources.Qmt.Comparison;

internal static partial class ComparisonLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "QMT comparison {Day}: the ingest's 1m bars {From}..{Through} equal QMT's: {Symbols} symbols, {Compared} bars compared, none differing, none missing ({Elapsed} ms)")]
    public static partial void Clean(ILogger logger, string day, string from, string through, int symbols, long compared, long elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QMT comparison {Day}: the ingest's 1m bars {From}..{Through} differ from QMT's: {Symbols} symbols, {Compared} bars compared, {Differing} differing, {MissingInIngest} only in QMT (missing in the ingest), {MissingInQmt} only in the ingest; {SymbolsDiffering} symbols affected ({Elapsed} ms)")]
    public static partial void Differences(ILogger logger, string day, string from, string through, int symbols, long compared, long differing, long missingInIngest, long missingInQmt, int symbolsDiffering, long elapsed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QMT comparison field {Field}: {Differing} bars differ, max abs diff {MaxAbsolute:G6}, max rel diff {MaxRelative:G4}")]
    public static partial void Field(ILogger logger, string field, long differing, double maxAbsolute, double maxRelative);

    [LoggerMessage(Level = LogLevel.Warning, Message = "QMT comparison worst {Symbol}: {Differing} bars differ, {MissingInIngest} missing in the ingest, {MissingInQmt} missing in QMT; worst {Field} at {Frame} (rel diff {Relative:G4})")]
    public static partial void Worst(ILogger logger, string symbol, int differing, int missingInIngest, int missingInQmt, string field, string frame, double relative);

    [LoggerMessage(Level = LogLevel.Information, Message = "QMT comparison {Day}: the ingest's first closed minute was {From}; QMT's {Count} bars before it are not compared (the ingest was not running then)")]
    public static partial void StartedLate(ILogger logger, string day, string from, long count);

    [LoggerMessage(Level = LogLevel.Error, Message = "QMT comparison {Day} failed; it is not retried today")]
    public static partial void Failed(ILogger logger, string day, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "QMT comparison {Day}: the market closed; comparing once the engine has closed the last minutes (at least {Delay} from now)")]
    public static partial void Waiting(ILogger logger, string day, TimeSpan delay);
}
