using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.Storage.Bars;
using QuotePlatform.Storage.DeadLetters;
using QuotePlatform.StorageWriter.Writing;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Consuming;

/// <summary>
/// Stores the entries of a small stream (a few a day: calendars, instrument details) in the writers' consumer
/// group: read (own pending first, then idle ones of a dead writer, then new), store, and only then XACK. An
/// entry that <see cref="StoreAsync"/> cannot decode (it throws <see cref="FormatException"/>) goes to the
/// dead-letter table; any other failure leaves the entries pending, retried after a pause.
/// </summary>
public abstract partial class SmallStreamWriter(
    IConnectionMultiplexer redis,
    IClickHouseClient client,
    WriterReadiness readiness,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromMinutes(1);
    private readonly string _group = options.Value.Group;
    private readonly string _consumer = options.Value.ResolvedConsumerName();

    /// <summary>The stream's key.</summary>
    protected abstract string Stream { get; }

    /// <summary>Decodes and stores one entry; throws <see cref="FormatException"/> when it cannot be decoded.</summary>
    protected abstract Task StoreAsync(StreamEntry entry, ulong version, CancellationToken cancellationToken);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The bar worker applies the schema; the tables exist once it is ready.
            while (!readiness.IsReady)
            {
                await Task.Delay(Poll, time, stoppingToken);
            }

            var position = (RedisValue)"0-0"; // own pending entries first, then new ones
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    var entries = await ReadAsync(position);
                    if (entries.Length == 0 && position != StreamPosition.NewMessages)
                    {
                        position = StreamPosition.NewMessages;
                        continue;
                    }

                    foreach (var entry in entries)
                    {
                        await HandleAsync(entry, stoppingToken);
                    }

                    if (entries.Length == 0)
                    {
                        await Task.Delay(Poll, time, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRetrying(logger, Stream, ex);
                    await Task.Delay(options.Value.UnavailableRetryDelay, time, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task<StreamEntry[]> ReadAsync(RedisValue position)
    {
        var db = redis.GetDatabase();
        try
        {
            await db.StreamCreateConsumerGroupAsync(Stream, _group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        var claimed = await db.StreamAutoClaimAsync(Stream, _group, _consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", 16);
        var read = await db.StreamReadGroupAsync(Stream, _group, _consumer, position, 16);
        return [.. claimed.ClaimedEntries.Where(e => e.Values is { Length: > 0 }), .. read.Where(e => e.Values is { Length: > 0 })];
    }

    private async Task HandleAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            await StoreAsync(entry, EntryVersion.Of(entry.Id!), cancellationToken);
        }
        catch (FormatException ex)
        {
            var payload = string.Join('\n', entry.Values.Select(v => $"{v.Name}=base64:{Convert.ToBase64String((byte[]?)v.Value ?? [])}"));
            await DeadLetter.InsertAsync(client, [new DeadLetter(Stream, entry.Id!, _consumer, 1, ex.Message, payload, time.GetUtcNow().UtcDateTime)], cancellationToken);
            LogDeadLettered(logger, Stream, entry.Id!, ex);
        }

        await redis.GetDatabase().StreamAcknowledgeAsync(Stream, _group, entry.Id);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Entry {EntryId} of {Stream} cannot be decoded; moved to the dead-letter table")]
    private static partial void LogDeadLettered(ILogger logger, string stream, string entryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing the entries of {Stream} failed; they stay pending and are retried")]
    private static partial void LogRetrying(ILogger logger, string stream, Exception exception);
}
