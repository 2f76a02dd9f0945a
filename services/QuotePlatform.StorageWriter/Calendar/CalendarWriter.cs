using System.Globalization;
using ClickHouse.Driver;
using Microsoft.Extensions.Options;
using QuotePlatform.Domain.Calendar;
using QuotePlatform.Storage.Calendar;
using QuotePlatform.StorageWriter.Consuming;
using QuotePlatform.Streams;
using QuotePlatform.Streams.Calendar;
using StackExchange.Redis;

namespace QuotePlatform.StorageWriter.Calendar;

/// <summary>Stores the trading calendars of the calendar stream (a few entries a day) in trading_calendar.</summary>
public sealed partial class CalendarWriter(
    IConnectionMultiplexer redis,
    StreamKeys keys,
    TradingCalendarStore store,
    IClickHouseClient client,
    WriterReadiness readiness,
    IOptions<StorageWriterOptions> options,
    TimeProvider time,
    ILogger<CalendarWriter> logger) : SmallStreamWriter(redis, client, readiness, options, time, logger)
{
    protected override string Stream => keys.Calendars;

    protected override async Task StoreAsync(StreamEntry entry, ulong version, CancellationToken cancellationToken)
    {
        var calendar = CalendarStreamEntry.Parse(entry);
        var range = CalendarRange.Parse(calendar.Market, calendar.FirstDate, calendar.LastDate, calendar.TradingDates);
        await store.InsertAsync(range.Days().Select(d => new CalendarDay(range.Market, d.Date, d.Trading)), version, cancellationToken);
        LogStored(range.Market, range.First.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), range.Last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), range.TradingDates.Count);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Stored the {Market} trading calendar {First}..{Last}: {TradingDays} trading days")]
    private partial void LogStored(string market, string first, string last, int tradingDays);
}
