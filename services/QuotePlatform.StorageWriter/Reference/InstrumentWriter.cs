using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Reference;
using QuotePlatform.Storage.Reference;
using QuotePlatform.Storage.DeadLetters;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.StorageWriter.Writing;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Reference;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Reference;

/// <summary>
/// Stores the instrument details and dividend factors of the instruments stream (a few entries a day) in
/// instruments and dividend_factors, in the writers' consumer group, as <c>CalendarWriter</c> does with calendars:
/// read (own pending first, then idle ones of a dead writer, then new), insert, and only then XACK. An entry
/// that cannot be decoded goes to the dead-letter table.
/// </summary>
public sealed partial class InstrumentWriter(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    InstrumentStore store,
    IClickHouseClient client,
    WriterReadiness readiness,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<InstrumentWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromMinutes(1);
    private readonly string _group = options.Value.Group;
    private readonly string _consumer = options.Value.ResolvedConsumerName();

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
                        await StoreAsync(entry, stoppingToken);
                    }

                    if (entries.Length == 0)
                    {
                        await Task.Delay(Poll, time, stoppingToken);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogRetrying(ex);
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
            await db.StreamCreateConsumerGroupAsync(keys.Instruments, _group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (ex.Message.StartsWith("BUSYGROUP", StringComparison.Ordinal))
        {
        }

        var claimed = await db.StreamAutoClaimAsync(keys.Instruments, _group, _consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", 16);
        var read = await db.StreamReadGroupAsync(keys.Instruments, _group, _consumer, position, 16);
        return [.. claimed.ClaimedEntries.Where(e => e.Values is { Length: > 0 }), .. read.Where(e => e.Values is { Length: > 0 })];
    }

    private async Task StoreAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        List<InstrumentDetail> details;
        List<(string Symbol, DividendEvent Event)> factors;
        try
        {
            var references = InstrumentStreamEntry.Parse(entry).Instruments;
            details = [.. references.Select(InstrumentMessages.ToDetail)];
            factors = [.. references.SelectMany(r => r.DividendFactors.Select(f => (r.Symbol, InstrumentMessages.ToEvent(f))))];
        }
        catch (FormatException ex)
        {
            var payload = string.Join('\n', entry.Values.Select(v => $"{v.Name}=base64:{Convert.ToBase64String((byte[]?)v.Value ?? [])}"));
            await DeadLetter.InsertAsync(client, [new DeadLetter(keys.Instruments, entry.Id!, _consumer, 1, ex.Message, payload, time.GetUtcNow().UtcDateTime)], cancellationToken);
            LogDeadLettered(entry.Id!, ex);
            await redis.GetDatabase().StreamAcknowledgeAsync(keys.Instruments, _group, entry.Id);
            return;
        }

        var version = EntryVersion.Of(entry.Id!);
        await store.InsertDetailsAsync(details, version, cancellationToken);
        if (factors.Count > 0)
        {
            await store.InsertFactorsAsync(factors, version, cancellationToken);
        }

        await redis.GetDatabase().StreamAcknowledgeAsync(keys.Instruments, _group, entry.Id);
        LogStored(details.Count, factors.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the details of {Instruments} instruments and {Factors} dividend factors")]
    private partial void LogStored(int instruments, int factors);

    [LoggerMessage(Level = LogLevel.Error, Message = "Instruments entry {EntryId} cannot be decoded; moved to the dead-letter table")]
    private partial void LogDeadLettered(string entryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing instrument details failed; the entries stay pending and are retried")]
    private partial void LogRetrying(Exception exception);
}
