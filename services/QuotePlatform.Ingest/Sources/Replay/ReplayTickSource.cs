using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Ticks;
using QuotePlatform.Ingest.Configuration;
using QuotePlatform.Ingest.Telemetry;
using QuotePlatform.TickSources;

namespace QuotePlatform.Ingest.Sources.Replay;

/// <summary>
/// Recorded whole-quote payloads, one per line (what `quote simulate` writes and the Qmt source
/// records), parsed by the one parser of that format and pushed as fast as the pipeline takes them
/// or at a multiple of the recorded pace. Malformed lines are logged with their number, counted and skipped.
/// </summary>
public sealed class ReplayTickSource(IOptions<ReplayOptions> options, IngestMetrics metrics, TimeProvider time, ILogger<ReplayTickSource> logger)
    : IReplayableTickSource
{
    private readonly ReplayOptions _options = options.Value;

    public ulong InputHash { get; } = HashOf(options.Value.Path);

    public async Task RunAsync(ChannelWriter<TickPush> pushes, CancellationToken cancellationToken)
    {
        var path = Path.GetFullPath(_options.Path);
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        ReplayLog.Started(logger, path, file.Length, _options.Speed > 0 ? $"at {_options.Speed}x the recorded pace" : "as fast as possible");
        var reader = new JsonLineReader(file);
        var symbols = new List<string>();
        var handles = new Dictionary<string, int>(StringComparer.Ordinal);
        var lookup = handles.GetAlternateLookup<ReadOnlySpan<char>>();
        var parser = new XtQuantPayloadParser(symbol =>
        {
            if (!lookup.TryGetValue(symbol, out var handle))
            {
                handle = symbols.Count;
                symbols.Add(symbol.ToString());
                handles.Add(symbols[handle], handle);
            }

            return handle;
        });
        var parsed = new List<SymbolTick>();
        var books = new List<TickBook>();
        long lines = 0, pushed = 0, malformed = 0;
        long? firstTickTime = null;
        var started = time.GetTimestamp();
        while (reader.TryReadLine(out var line))
        {
            lines++;
            if (line.Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (parser.Parse(line, parsed, books) is { } error)
            {
                malformed++;
                metrics.SourceRejected("malformed_line");
                ReplayLog.Malformed(logger, path, lines, error);
                continue;
            }

            var ticks = new SourceTick[parsed.Count];
            for (var i = 0; i < ticks.Length; i++)
            {
                var (handle, tick) = parsed[i];
                ticks[i] = new SourceTick(handle >= 0 ? symbols[handle] : "", tick, books[i]);
            }

            if (_options.Speed > 0 && ticks.Length > 0)
            {
                firstTickTime ??= ticks[0].Tick.TimeUnixMs;
                var due = TimeSpan.FromMilliseconds((ticks[0].Tick.TimeUnixMs - firstTickTime.Value) / _options.Speed) - time.GetElapsedTime(started);
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due, time, cancellationToken);
                }
            }

            await pushes.WriteAsync(new TickPush(time.GetUtcNow().ToUnixTimeMilliseconds(), ticks), cancellationToken);
            pushed++;
        }

        ReplayLog.Finished(logger, path, lines, pushed, malformed);
    }

    // The same file (path and size) resumes where the spool stands; any other input starts afresh.
    private static ulong HashOf(string path)
    {
        var full = Path.GetFullPath(path);
        var length = File.Exists(full) ? new FileInfo(full).Length : -1;
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{full}\n{length}"));
        return BitConverter.ToUInt64(hash) | 1;
    }
}
