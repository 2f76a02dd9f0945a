using System.Text;
using ClickHouse.Driver;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;
using QuotePlatform.ContractMapping;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.DeadLetters;
using QuotePlatform.Storage.Ticks;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.StorageWriter.Resilience;
using QuotePlatform.StorageWriter.Telemetry;

namespace QuotePlatform.StorageWriter.Writing;

/// <summary>
/// Turns entries into checked rows and inserts them in one go through the ClickHouse pipeline.
/// Transient failures propagate (the caller keeps the batch and waits); a failure caused by the
/// data is narrowed down to the entries that cause it by inserting entry by entry.
/// </summary>
public sealed partial class BatchWriter(
    IClickHouseClient client,
    ResiliencePipelineProvider<string> pipelines,
    BarQualityGate quality,
    WriterMetrics metrics,
    TimeProvider time,
    ILogger<BatchWriter> logger)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(ResiliencePipelines.ClickHouse);

    public async Task<WriteResult> WriteAsync(IReadOnlyList<ConsumedEntry> entries, CancellationToken cancellationToken)
    {
        var failed = new List<FailedEntry>();
        var decoded = new List<ConsumedEntry>(entries.Count);
        foreach (var entry in entries)
        {
            if (entry.Error is { } error)
            {
                failed.Add(new FailedEntry(entry, error));
            }
            else
            {
                decoded.Add(entry);
            }
        }

        var stored = new List<ConsumedEntry>(decoded.Count);
        try
        {
            await InsertAsync(decoded, cancellationToken);
            stored.AddRange(decoded);
        }
        catch (Exception ex) when (IsCausedByData(ex) && decoded.Count > 0)
        {
            LogIsolating(decoded.Count, ex);
            foreach (var entry in decoded)
            {
                try
                {
                    await InsertAsync([entry], cancellationToken);
                    stored.Add(entry);
                }
                catch (Exception one) when (IsCausedByData(one))
                {
                    failed.Add(new FailedEntry(entry, one.Message));
                }
            }
        }

        return new WriteResult(stored, failed);
    }

    public async Task DeadLetterAsync(IReadOnlyList<(FailedEntry Failure, int Deliveries)> letters, string consumer, CancellationToken cancellationToken)
    {
        var failedAt = time.GetUtcNow().UtcDateTime;
        var rows = letters.Select(l => new DeadLetter(
            l.Failure.Entry.Stream, l.Failure.Entry.Id, consumer, (uint)l.Deliveries, l.Failure.Error, Payload(l.Failure.Entry), failedAt)).ToList();
        await _pipeline.ExecuteAsync(async ct => await DeadLetter.InsertAsync(client, rows, ct), cancellationToken);
        foreach (var _ in rows)
        {
            metrics.EntryDeadLettered();
        }
    }

    /// <summary>Checks and converts an entry's bars once, when it is taken in hand (so a retried batch counts nothing twice).</summary>
    public void Prepare(ConsumedEntry entry)
    {
        if (entry.DecodedTicks is { } ticks)
        {
            entry.TickRows = [.. ticks.Batch.Ticks.Where(quality.AcceptsTick).Select(TickRows.From)];
            return;
        }

        if (entry.Decoded is null)
        {
            return;
        }

        var bars = entry.Decoded.Batch.Bars;
        var version = EntryVersion.Of(entry.Id);
        var rows = new List<BarRow>(bars.Count);
        metrics.BarsConsumed(bars.Count, bars.Select(b => b.Symbol));
        foreach (var bar in bars)
        {
            if (quality.Accepts(bar))
            {
                rows.Add(BarRow.Of(bar.ToDomain(), version));
            }
        }

        entry.Rows = rows;
    }

    /// <summary>The entries' bars, then their ticks: an entry counts as stored once both are in.</summary>
    private async Task InsertAsync(IReadOnlyList<ConsumedEntry> entries, CancellationToken cancellationToken)
    {
        await InsertAsync([.. entries.SelectMany(e => e.Rows)], client.InsertBarsAsync, metrics.InsertSucceeded, cancellationToken);
        await InsertAsync([.. entries.SelectMany(e => e.TickRows)], client.InsertTicksAsync, metrics.TicksInsertSucceeded, cancellationToken);
    }

    /// <summary>One insert through the storage pipeline (its retries and circuit), timed and counted.</summary>
    private async Task InsertAsync<TRow>(
        IReadOnlyList<TRow> rows, Func<IReadOnlyList<TRow>, CancellationToken, Task> insert, Action<int, TimeSpan> succeeded, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await _pipeline.ExecuteAsync(
            async ct =>
            {
                var started = time.GetTimestamp();
                try
                {
                    await insert(rows, ct);
                    succeeded(rows.Count, time.GetElapsedTime(started));
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
                {
                    metrics.InsertFailed(time.GetElapsedTime(started));
                    throw;
                }
            },
            cancellationToken);
    }

    private static bool IsCausedByData(Exception ex) =>
        ex is not (OperationCanceledException or BrokenCircuitException) && !TransientFailures.IsClickHouse(ex);

    /// <summary>Every field of the entry, binary ones in base64, so the entry can be inspected and replayed.</summary>
    private static string Payload(ConsumedEntry entry)
    {
        var text = new StringBuilder();
        foreach (var field in entry.Raw.Values)
        {
            var value = field.Value;
            var bytes = (byte[]?)value ?? [];
            var printable = Array.TrueForAll(bytes, b => b is >= 0x20 and < 0x7f);
            text.Append(field.Name).Append('=').Append(printable ? (string?)value : "base64:" + Convert.ToBase64String(bytes)).Append('\n');
        }

        return text.ToString();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Insert of {Entries} entries refused by ClickHouse; retrying entry by entry to find the cause")]
    private partial void LogIsolating(int entries, Exception exception);
}
