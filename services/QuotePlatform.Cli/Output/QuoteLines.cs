using System.Globalization;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Output;

/// <summary>Latest quotes as table rows or CSV: price, change against the previous close, day totals.</summary>
internal static class QuoteLines
{
    public const string CsvHeader = "symbol,time,last,change,change_pct,open,high,low,previous_close,volume,amount,status";

    public static string TableHeader { get; } = TableRow("symbol", "time (Beijing)", "last", "change", "change%", "open", "high", "low", "volume", "amount");

    public static string Table(Quote quote)
    {
        var (change, percent) = Change(quote);
        return TableRow(
            quote.Symbol,
            Time(quote),
            BarTableOutput.Price(quote.LastPrice),
            change?.ToString("+0.00##;-0.00##;0.00", CultureInfo.InvariantCulture) ?? "",
            percent?.ToString("+0.00;-0.00;0.00", CultureInfo.InvariantCulture) + (percent is null ? "" : "%"),
            BarTableOutput.Price(quote.Open),
            BarTableOutput.Price(quote.High),
            BarTableOutput.Price(quote.Low),
            quote.VolumeShares.ToString("N0", CultureInfo.InvariantCulture),
            quote.AmountCny.ToString("N2", CultureInfo.InvariantCulture));
    }

    public static string Csv(Quote quote)
    {
        var (change, percent) = Change(quote);
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{quote.Symbol},{BeijingTime.Format(quote.TimeUnixMs)},{quote.LastPrice},{change},{(percent is null ? "" : Math.Round(percent.Value, 4))},{quote.Open},{quote.High},{quote.Low},{quote.PreviousClose},{quote.VolumeShares},{quote.AmountCny},{quote.StockStatus}");
    }

    /// <summary>Against the previous close; none when the feed gave no previous close.</summary>
    public static (double? Change, double? Percent) Change(Quote quote) =>
        quote.PreviousClose > 0
            ? (Math.Round(quote.LastPrice - quote.PreviousClose, 4), (quote.LastPrice - quote.PreviousClose) / quote.PreviousClose * 100)
            : (null, null);

    private static string Time(Quote quote) =>
        BeijingTime.ToDateTimeOffset(quote.TimeUnixMs).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string TableRow(string symbol, string time, string last, string change, string percent, string open, string high, string low, string volume, string amount) =>
        $"{symbol,-10} {time,-19} {last,10} {change,9} {percent,8} {open,10} {high,10} {low,10} {volume,16} {amount,18}";
}
