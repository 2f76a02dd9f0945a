namespace QuotePlatform.Storage.Calendar;

/// <summary>One exchange's verdict on one date: open for trading or closed.</summary>
public sealed record CalendarDay(string Market, DateOnly Date, bool Trading);
