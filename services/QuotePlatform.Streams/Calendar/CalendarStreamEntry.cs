using Google.Protobuf;
using QuotePlatform.Contracts.MarketData.V1;
using StackExchange.Redis;

namespace QuotePlatform.Streams.Calendar;

/// <summary>
/// One entry of the calendar stream: a protobuf TradingCalendar under <see cref="CalendarField"/>,
/// and the producer that sent it. Calendars are idempotent at the sink (a row per market and date),
/// so a resent calendar is simply written again.
/// </summary>
public static class CalendarStreamEntry
{
    public const string CalendarField = "calendar";
    public const string ProducerField = "producer";

    public static NameValueEntry[] ToFields(TradingCalendar calendar, string producer) =>
    [
        new(CalendarField, calendar.ToByteArray()),
        new(ProducerField, producer),
    ];

    /// <summary>Decodes an entry; throws <see cref="FormatException"/> naming what is wrong.</summary>
    public static TradingCalendar Parse(StreamEntry entry)
    {
        var value = entry[CalendarField];
        if (value.IsNull)
        {
            throw new FormatException($"calendar entry {entry.Id} has no '{CalendarField}' field");
        }

        try
        {
            return TradingCalendar.Parser.ParseFrom((byte[])value!);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new FormatException($"calendar entry {entry.Id}: '{CalendarField}' is not a TradingCalendar: {ex.Message}", ex);
        }
    }
}
