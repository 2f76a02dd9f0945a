using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.Storage.DeadLetters;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.StorageWriter.Writing;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Calendar;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Calendar;

/// <summary>
/// Stores the trading calendars of the calendar stream (a few entries a day) in trading_calendar, in
/// the writers' consumer group: read (own pending first, then idle ones of a dead writer, then new),
/// insert, and only then XACK. An entry that cannot be decoded goes to the dead-letter table.
/// </summary>
public sealed partial class CalendarWriter(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    TradingCalendarStore store,
    IClickHouseClient client,
    WriterReadiness readiness,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<CalendarWriter> logger) : BackgroundService
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ClaimIdle = TimeSpan.FromMinutes(1);
    private readonly string _group = options.Value.Group;
    private readonly string _consumer = options.Value.ResolvedConsumerName();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The bar worker applies the schema; the calendar table exists once it is ready.
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
            await db.StreamCreateConsumerGroupAsync(keys.Calendars, _group, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException ex) when (RedisErrors.IsGroupExists(ex))
        {
        }

        var claimed = await db.StreamAutoClaimAsync(keys.Calendars, _group, _consumer, (long)ClaimIdle.TotalMilliseconds, "0-0", 16);
        var read = await db.StreamReadGroupAsync(keys.Calendars, _group, _consumer, position, 16);
        return [.. claimed.ClaimedEntries.Where(e => e.Values is { Length: > 0 }), .. read.Where(e => e.Values is { Length: > 0 })];
    }

    private async Task StoreAsync(StreamEntry entry, CancellationToken cancellationToken)
    {
        CalendarRange range;
        try
        {
            var calendar = CalendarStreamEntry.Parse(entry);
            range = CalendarRange.Parse(calendar.Market, calendar.FirstDate, calendar.LastDate, calendar.TradingDates);
        }
        catch (FormatException ex)
        {
            var payload = string.Join('\n', entry.Values.Select(v => $"{v.Name}=base64:{Convert.ToBase64String((byte[]?)v.Value ?? [])}"));
            await DeadLetter.InsertAsync(client, [new DeadLetter(keys.Calendars, entry.Id!, _consumer, 1, ex.Message, payload, time.GetUtcNow().UtcDateTime)], cancellationToken);
            LogDeadLettered(entry.Id!, ex);
            await redis.GetDatabase().StreamAcknowledgeAsync(keys.Calendars, _group, entry.Id);
            return;
        }

        await store.InsertAsync(range.Days().Select(d => new CalendarDay(range.Market, d.Date, d.Trading)), EntryVersion.Of(entry.Id!), cancellationToken);
        await redis.GetDatabase().StreamAcknowledgeAsync(keys.Calendars, _group, entry.Id);
        LogStored(range.Market, range.First.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), range.Last.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), range.TradingDates.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the {Market} trading calendar {First}..{Last}: {TradingDays} trading days")]
    private partial void LogStored(string market, string first, string last, int tradingDays);

    [LoggerMessage(Level = LogLevel.Error, Message = "Calendar entry {EntryId} cannot be decoded; moved to the dead-letter table")]
    private partial void LogDeadLettered(string entryId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Storing trading calendars failed; the entries stay pending and are retried")]
    private partial void LogRetrying(Exception exception);
}
