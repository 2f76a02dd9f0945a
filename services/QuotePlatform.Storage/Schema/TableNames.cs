namespace QuotePlatform.Storage.Schema;

public static class TableNames
{
    public const string Bars = "bars";
    public const string DeadLetters = "bars_dead_letter";
    public const string Migrations = "schema_migrations";
    public const string TradingCalendar = "trading_calendar";
    public const string Instruments = "instruments";
    public const string DividendFactors = "dividend_factors";
    public const string Ticks = "ticks";
}
