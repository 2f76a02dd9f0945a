using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Dates;

/// <summary>--from / --to as Beijing trading dates (YYYY-MM-DD), both inclusive.</summary>
internal static class TradingDates
{
    public const string Format = "yyyy-MM-dd";

    public static Option<string> FromOption(string description) => DateOption("--from", description, required: true);

    public static Option<string?> ToOption(string description)
    {
        var option = new Option<string?>("--to") { Description = description };
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string?>()));
        return option;
    }

    public static DateOnly? Parse(string? text) =>
        DateOnly.TryParseExact(text, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    /// <summary>Adds an error when --to is before --from.</summary>
    public static void CheckOrder(CommandResult result, Option<string> from, Option<string?> to)
    {
        if (Parse(result.GetValue(from)) is { } first && Parse(result.GetValue(to)) is { } last && last < first)
        {
            result.AddError($"--to {last:yyyy-MM-dd} is before --from {first:yyyy-MM-dd}: give the earlier date as --from");
        }
    }

    /// <summary>00:00 Beijing of the date, epoch ms UTC.</summary>
    public static long DayStartUnixMs(DateOnly date) => BeijingTime.DayStartUnixMs(DayNumber(date));

    public static long DayNumber(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber;

    public static DateOnly FromDayNumber(long dayNumber) => DateOnly.FromDayNumber(DateOnly.FromDateTime(DateTime.UnixEpoch).DayNumber + (int)dayNumber);

    private static Option<string> DateOption(string name, string description, bool required)
    {
        var option = new Option<string>(name) { Description = description, Required = required };
        option.Validators.Add(result => Check(result, result.GetValueOrDefault<string>()));
        return option;
    }

    private static void Check(OptionResult result, string? text)
    {
        if (text is not null && Parse(text) is null)
        {
            result.AddError($"{result.Option.Name} '{text}' is not a date: write a Beijing trading date as YYYY-MM-DD, e.g. 2025-06-06");
        }
    }
}
