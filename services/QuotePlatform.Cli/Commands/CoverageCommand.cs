using System.CommandLine;
using System.Globalization;
using System.Text;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Dates;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote coverage SYMBOL... --from DATE [--to DATE] [--period 1m] [--separate-auction-bar]`: bars
/// present against bars expected per symbol and trading day (GetCoverage), with the gaps in Beijing
/// time; the last line sums them up. Gaps are findings, not failures: exit 0.
/// </summary>
internal static class CoverageCommand
{
    public static Command Create(TimeProvider time)
    {
        var symbols = new Argument<string[]>("SYMBOL") { Description = "Symbols, e.g. 600000.SH 000001.SZ", Arity = ArgumentArity.OneOrMore };
        var from = TradingDates.FromOption("First Beijing trading date, YYYY-MM-DD");
        var to = TradingDates.ToOption("Last Beijing trading date, YYYY-MM-DD, inclusive (default: --from)");
        var period = PeriodOption.Create();
        var separateAuctionBar = new Option<bool>("--separate-auction-bar") { Description = "Expect QMT's separate 09:30 auction bar (241 1m bars a day instead of 240)" };
        var server = CommandRunner.ServerOption();
        var command = new Command("coverage", "Show stored bars against the bars the trading sessions call for, per symbol and trading day, and the gaps")
        {
            symbols, from, to, period, separateAuctionBar, server,
        };
        command.Validators.Add(result => TradingDates.CheckOrder(result, from, to));
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var first = TradingDates.Parse(parse.GetValue(from))!.Value;
            var last = TradingDates.Parse(parse.GetValue(to)) ?? first;
            var request = new GetCoverageRequest
            {
                Symbols = { parse.GetValue(symbols)!.Select(s => s.Trim().ToUpperInvariant()) },
                Period = PeriodOption.ToContract(parse.GetValue(period)),
                FromDate = first.ToString(TradingDates.Format, CultureInfo.InvariantCulture),
                ToDate = last.ToString(TradingDates.Format, CultureInfo.InvariantCulture),
                SeparateAuctionBar = parse.GetValue(separateAuctionBar),
            };
            var response = await connection.Query.GetCoverageAsync(request, connection.Unary(cancellationToken));
            var daily = request.Period == Contracts.MarketData.V1.Period._1D;
            foreach (var day in response.Days)
            {
                await output.WriteLineAsync(Describe(day, daily));
            }

            if (response.Days.Count == 0)
            {
                await error.WriteLineAsync($"no trading day from {request.FromDate} to {request.ToDate}");
            }

            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"coverage: {response.Days.Sum(d => (long)d.BarsPresent)}/{response.Days.Sum(d => (long)d.BarsExpected)} bars, {response.Days.Sum(d => d.Gaps.Count)} gaps"));
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>e.g. "600000.SH 2025-06-06 236/240 bars, 2 gaps: 09:31-09:33 (3 bars), 13:01 (1 bar)".</summary>
    public static string Describe(DayCoverage day, bool daily)
    {
        var line = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"{day.Symbol} {day.TradingDate} {day.BarsPresent}/{day.BarsExpected} bars, {day.Gaps.Count} gaps"));
        if (day.Gaps.Count > 0)
        {
            line.Append(": ").AppendJoin(", ", day.Gaps.Select(gap => Describe(gap, daily)));
        }

        if (day.BarsUnexpected > 0)
        {
            line.Append(CultureInfo.InvariantCulture, $"; {day.BarsUnexpected} stored bars on no expected frame");
        }

        return line.ToString();
    }

    /// <summary>The bar ends of a gap in Beijing time: "09:31-10:05 (35 bars)", "13:01 (1 bar)"; a day's date for 1d.</summary>
    private static string Describe(Gap gap, bool daily)
    {
        var format = daily ? TradingDates.Format : "HH:mm";
        var first = BeijingTime.ToDateTimeOffset(gap.FirstFrameUnixMs).ToString(format, CultureInfo.InvariantCulture);
        var last = BeijingTime.ToDateTimeOffset(gap.LastFrameUnixMs).ToString(format, CultureInfo.InvariantCulture);
        var span = gap.FirstFrameUnixMs == gap.LastFrameUnixMs ? first : $"{first}-{last}";
        return string.Create(CultureInfo.InvariantCulture, $"{span} ({gap.Bars} {(gap.Bars == 1 ? "bar" : "bars")})");
    }
}
