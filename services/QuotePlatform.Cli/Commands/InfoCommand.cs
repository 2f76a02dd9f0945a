using System.CommandLine;
using System.Globalization;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote info SYMBOL [--date YYYY-MM-DD]`: an instrument's details as of a date, and its dividend factors.</summary>
internal static class InfoCommand
{
    public static Command Create(TimeProvider time)
    {
        var symbol = new Argument<string>("SYMBOL") { Description = "Symbol, e.g. 000001.SZ" };
        var date = new Option<string>("--date") { Description = "The details as of this trading date, YYYY-MM-DD (default: today)" };
        var server = CommandRunner.ServerOption();
        var command = new Command("info", "Show an instrument's details (name, type, listing, limits, shares) and dividend factors") { symbol, date, server };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var request = new GetInstrumentRequest { Symbol = parse.GetValue(symbol)!.Trim().ToUpperInvariant(), Date = parse.GetValue(date) ?? "" };
            var i = (await connection.Query.GetInstrumentAsync(request, connection.Unary(cancellationToken))).Instrument;
            var c = CultureInfo.InvariantCulture;
            await output.WriteLineAsync($"{i.Symbol} {i.Name}");
            await output.WriteLineAsync($"  as of          {i.TradingDate}");
            await output.WriteLineAsync($"  exchange, type {i.Exchange}, {i.Type}");
            await output.WriteLineAsync($"  listed         {(i.ListedDate.Length > 0 ? i.ListedDate : "-")}");
            await output.WriteLineAsync(string.Create(c, $"  price tick     {i.PriceTick}   volume multiple {i.VolumeMultiple}"));
            await output.WriteLineAsync(string.Create(c, $"  previous close {i.PreClose:0.00###}   limits {i.DownStopPrice:0.00###} .. {i.UpStopPrice:0.00###}"));
            await output.WriteLineAsync(string.Create(c, $"  shares         {i.TotalShares:N0} total, {i.FloatShares:N0} float"));
            await output.WriteLineAsync($"  status         {(i.InstrumentStatus == 0 ? "trading" : $"suspended ({i.InstrumentStatus})")}");
            await output.WriteLineAsync($"  dividend factors ({i.DividendFactors.Count}):");
            foreach (var f in i.DividendFactors)
            {
                await output.WriteLineAsync(string.Create(c,
                    $"    {f.ExDate}  cash {f.Interest:0.000####}  bonus {f.StockBonus:0.###}  gift {f.StockGift:0.###}  allot {f.AllotNum:0.###}@{f.AllotPrice:0.00}  dr {f.Dr:0.000000}"));
            }

            await error.WriteLineAsync($"details of {i.Symbol} as of {i.TradingDate}");
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }
}
