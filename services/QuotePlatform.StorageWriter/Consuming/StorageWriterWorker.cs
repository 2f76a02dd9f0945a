using System.Globalization;
using Microsoft.Extensions.Options;
using QuotePlatform.Storage;
using QuotePlatform.Storage.Schema;
using QuotePlatform.Streams.Retention;
using QuotePlatform.StorageWriter.Resilience;
using QuotePlatform.StorageWriter.Writing;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>
/// The consume loop: read every shard (new entries, plus idle ones claimed from dead consumers),
/// batch by size and age, insert, and only then XACK. One batch is stored while the next is read
/// (at most one insert in flight). While ClickHouse is unavailable the batch being stored stays in
/// hand and reading stops once the next batch is full, so entries wait in Redis, pending.
/// </summary>
public sealed partial class StorageWriterWorker(
    ConsumerGroupReader reader,
    BatchWriter writer,
    SchemaMigrator migrator,
    RetentionRegistry retention,
    IOptions<StorageOptions> storage,
    WriterReadiness readiness,
    UnavailableWait unavailable,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<StorageWriterWorker> logger) : BackgroundService
{
    private readonly StorageWriterOptions _options = options.Value;
    private EntryBatch _reading = new(time);
    private EntryBatch _storing = new(time);
    private Task _store = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await PrepareAsync(stoppingToken);
            LogStarted(reader.Consumer, reader.Group, reader.Streams.Count);
            Take(await reader.ReadOwnPendingAsync(stoppingToken));
            await ConsumeAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            await ReleaseAsync();
        }
    }

    /// <summary>Schema and consumer groups, retried until ClickHouse and Redis answer: the writer may start before them.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        var waited = await unavailable.RunAsync("preparing the schema and the consumer groups", async cancellationToken =>
        {
            await migrator.MigrateAsync(cancellationToken);
            // The relays refuse what this TTL would drop, before acknowledging it.
            await retention.PublishAsync(storage.Value.Limits());
            await reader.EnsureGroupsAsync(cancellationToken);
        }, stoppingToken);
        if (waited > TimeSpan.Zero)
        {
            LogResumed(waited);
        }

        readiness.MarkReady();
    }

    private async Task ConsumeAsync(CancellationToken stoppingToken)
    {
        var pause = _options.MinPollDelay;
        var nextClaim = time.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = 0;
            try
            {
                var batch = _reading;
                if (time.GetElapsedTime(nextClaim) >= TimeSpan.Zero)
                {
                    taken += Take(await reader.ClaimIdleAsync(stoppingToken));
                    nextClaim = time.GetTimestamp() + (long)(_options.ClaimInterval.TotalSeconds * time.TimestampFrequency);
                }

                if (batch.Bars < _options.MaxBatchRows)
                {
                    taken += Take(await reader.ReadNewAsync(stoppingToken));
                }

                if (batch.Count > 0 && (batch.Bars >= _options.MaxBatchRows || batch.Age >= _options.MaxBatchAge))
                {
                    // Back-pressure: the previous insert must be done (or given up) before the next starts.
                    await AwaitStoreAsync();
                    (_storing, _reading) = (batch, new EntryBatch(time));
                    _store = StoreAsync(batch, stoppingToken);
                    continue;
                }
            }
            catch (RedisException ex)
            {
                LogRedisFailed(ex);
                taken = 0;
                pause = _options.MaxPollDelay;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Never let one unexpected failure stop the writer: the batch stays in hand, try again shortly.
                LogUnexpected(ex);
                taken = 0;
                pause = _options.UnavailableRetryDelay;
            }

            if (taken > 0)
            {
                pause = _options.MinPollDelay;
                continue;
            }

            var untilDue = _reading.Count > 0 ? _options.MaxBatchAge - _reading.Age : pause;
            await Task.Delay(TimeSpan.FromTicks(Math.Clamp(untilDue.Ticks, TimeSpan.TicksPerMillisecond, pause.Ticks)), time, stoppingToken);
            pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, _options.MaxPollDelay.Ticks));
        }
    }

    /// <summary>
    /// Awaits the insert in flight. If it failed (Redis down at XACK, an unexpected error), its
    /// entries stay pending in Redis and come back through XAUTOCLAIM: nothing is lost.
    /// </summary>
    private async Task AwaitStoreAsync()
    {
        try
        {
            await _store;
        }
        finally
        {
            _storing = new EntryBatch(time);
            _store = Task.CompletedTask;
        }
    }

    private int Take(List<ConsumedEntry> entries)
    {
        var taken = 0;
        foreach (var entry in entries)
        {
            // An entry being stored right now can come back through a claim: it is not taken twice.
            if (!(_storing.Contains(entry) && !_store.IsCompleted) && _reading.Add(entry))
            {
                writer.Prepare(entry);
                taken++;
            }
        }

        return taken;
    }

    /// <summary>Inserts and acks the batch, waiting out a ClickHouse outage with the batch in hand (reading stops once the next batch is full).</summary>
    private async Task StoreAsync(EntryBatch batch, CancellationToken cancellationToken)
    {
        var waited = await unavailable.RunAsync(
            string.Create(CultureInfo.InvariantCulture, $"storing {batch.Count} entries ({batch.Bars} bars)"),
            token => StoreOnceAsync(batch, token),
            cancellationToken);
        if (waited > TimeSpan.Zero)
        {
            LogResumed(waited);
        }
    }

    private async Task StoreOnceAsync(EntryBatch batch, CancellationToken cancellationToken)
    {
        var result = await writer.WriteAsync(batch.Entries, cancellationToken);
        await reader.AckAsync(result.Stored, cancellationToken);
        var dead = new List<(FailedEntry Failure, int Deliveries)>();
        foreach (var failure in result.Failed)
        {
            var deliveries = await reader.DeliveriesAsync(failure.Entry, cancellationToken);
            if (deliveries >= _options.MaxDeliveries)
            {
                dead.Add((failure, deliveries));
            }
            else if (deliveries > 0)
            {
                // Left pending: XAUTOCLAIM hands it out again after ClaimMinIdle.
                LogEntryFailed(failure.Entry.Stream, failure.Entry.Id, deliveries, _options.MaxDeliveries, failure.Error);
            }
        }

        if (dead.Count > 0)
        {
            await writer.DeadLetterAsync(dead, reader.Consumer, cancellationToken);
            await reader.AckAsync(dead.Select(d => d.Failure.Entry), cancellationToken);
            foreach (var (failure, deliveries) in dead)
            {
                LogDeadLettered(failure.Entry.Stream, failure.Entry.Id, deliveries, failure.Error);
            }
        }
    }

    /// <summary>On shutdown: store what is in hand if ClickHouse allows within the timeout, else leave it pending for another consumer.</summary>
    private async Task ReleaseAsync()
    {
        var unstored = new EntryBatch(time);
        try
        {
            await _store;
        }
        catch (Exception)
        {
            foreach (var entry in _storing.Entries)
            {
                unstored.Add(entry);
            }
        }

        foreach (var entry in _reading.Entries)
        {
            unstored.Add(entry);
        }

        if (unstored.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.ShutdownFlushTimeout, time);
        try
        {
            await StoreOnceAsync(unstored, timeout.Token);
            LogStoredOnShutdown(unstored.Count);
        }
        catch (Exception ex)
        {
            LogReleased(unstored.Count, ex);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming as {Consumer} in group {Group} from {Shards} shards")]
    private partial void LogStarted(string consumer, string group, int shards);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis failed, pausing reads")]
    private partial void LogRedisFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected failure in the consume loop; retrying")]
    private partial void LogUnexpected(Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "ClickHouse and Redis answer again after {Outage}; resuming")]
    private partial void LogResumed(TimeSpan outage);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Entry {Stream} {Id} failed on delivery {Deliveries} of {MaxDeliveries}, left pending: {Error}")]
    private partial void LogEntryFailed(string stream, string id, int deliveries, int maxDeliveries, string error);

    [LoggerMessage(Level = LogLevel.Error, Message = "Entry {Stream} {Id} dead-lettered after {Deliveries} deliveries: {Error}")]
    private partial void LogDeadLettered(string stream, string id, int deliveries, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the {Entries} entries in hand before stopping")]
    private partial void LogStoredOnShutdown(int entries);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Stopping with {Entries} entries in hand left pending for another consumer")]
    private partial void LogReleased(int entries, Exception exception);
}
