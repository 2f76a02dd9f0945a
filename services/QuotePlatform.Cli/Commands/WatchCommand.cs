using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Cli.Live;
using QuotePlatform.Cli.Output;
using QuotePlatform.Contracts.Admin.V1;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;
using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.ContractMapping;

namespace QuotePlatform.Cli.Commands;

/// <summary>
/// `quote watch SYMBOL... [--periods 1m] [--forming] [--no-quotes]`: quotes and closing bars as
/// they happen, one line each. It subscribes as a broadcast consumer of its own; when an admin key
/// is at hand it removes that group on exit, so a finished watch does not hold back stream trimming.
/// </summary>
internal static class WatchCommand
{
    public static Command Create(TimeProvider time)
    {
        var symbols = new Argument<string[]>("SYMBOL") { Description = "Symbols to watch, e.g. 600000.SH 000001.SZ", Arity = ArgumentArity.OneOrMore };
        var periods = LiveCommandOptions.Periods("1m");
        var forming = new Option<bool>("--forming") { Description = "Also show bars while they form" };
        var noQuotes = new Option<bool>("--no-quotes") { Description = "Show bars only, not every quote change" };
        var count = LiveCommandOptions.Count();
        var server = CommandRunner.ServerOption();
        var adminKeyFile = CommandRunner.AdminKeyFileOption();
        adminKeyFile.Description = "Admin key file, used only to remove watch's own consumer group on exit (optional)";
        var command = new Command("watch", "Follow quotes and closing bars of symbols live (Ctrl-C to stop)")
        {
            symbols, periods, forming, noQuotes, count, server, adminKeyFile,
        };
        command.SetAction((parse, cancellationToken) => CommandRunner.RunAsync(parse, server, time, async (connection, output, error) =>
        {
            var consumer = $"watch-{Environment.MachineName}-{Environment.ProcessId}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
            var subscription = new Subscription
            {
                Mode = SubscriptionMode.Broadcast,
                Consumer = consumer,
                StartId = "$",
                IncludeForming = parse.GetValue(forming),
                IncludeQuotes = !parse.GetValue(noQuotes),
            };
            subscription.Symbols.AddRange(LiveCommandOptions.Symbols(parse.GetValue(symbols)!));
            LiveCommandOptions.AddPeriods(subscription, parse.GetValue(periods));

            var handlers = new LiveHandlers(
                (delivery, token) => WriteBarsAsync(output, "bar    ", delivery.Bars, token),
                (forming, token) => WriteBarsAsync(output, "forming", forming.Bars, token),
                async (quotes, token) =>
                {
                    foreach (var quote in quotes.Quotes)
                    {
                        await output.WriteLineAsync(QuoteLine(quote).AsMemory(), token);
                    }

                    await output.FlushAsync(token);
                });
            var summary = await new SubscriptionCall(connection, error, time).RunAsync(subscription, handlers, parse.GetValue(count), showProgress: false, cancellationToken);
            await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"watch: {summary.Bars} bars; {summary.Ending}"));
            await RemoveGroupAsync(connection, summary.Group, parse.GetValue(adminKeyFile), error);
            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    private static async Task WriteBarsAsync(TextWriter output, string kind, IEnumerable<Contracts.MarketData.V1.Bar> bars, CancellationToken cancellationToken)
    {
        foreach (var bar in bars)
        {
            var frame = BeijingTime.ToDateTimeOffset(bar.FrameUnixMs).ToString(bar.Period == Period._1D ? "yyyy-MM-dd" : "HH:mm", CultureInfo.InvariantCulture);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{kind} {bar.Symbol,-10} {bar.Period.ToDomain().ToLabel(),-3} {frame,-10} O {BarTableOutput.Price(bar.Open)} H {BarTableOutput.Price(bar.High)} L {BarTableOutput.Price(bar.Low)} C {BarTableOutput.Price(bar.Close)} V {bar.VolumeShares:N0} A {bar.AmountCny:N2}").AsMemory(), cancellationToken);
        }

        await output.FlushAsync(cancellationToken);
    }

    private static string QuoteLine(Quote quote)
    {
        var (change, percent) = QuoteLines.Change(quote);
        var time = BeijingTime.ToDateTimeOffset(quote.TimeUnixMs).ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        return string.Create(CultureInfo.InvariantCulture,
            $"quote   {quote.Symbol,-10} {time,-10} {BarTableOutput.Price(quote.LastPrice)} {change:+0.00##;-0.00##;0.00} ({percent:+0.00;-0.00;0.00}%) V {quote.VolumeShares:N0}");
    }

    /// <summary>Best effort: without an admin key the group stays until an administrator removes it.</summary>
    private static async Task RemoveGroupAsync(QueryConnection connection, string group, FileInfo? adminKeyFile, TextWriter error)
    {
        string key;
        try
        {
            key = AdminKey.Resolve(adminKeyFile, Environment.GetEnvironmentVariable, AddressesFile.FindDefault);
        }
        catch (CliFailure)
        {
            await error.WriteLineAsync($"watch: its consumer group {group} stays until removed (give --admin-key-file to have watch remove it)");
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await connection.Admin.DeleteConsumerGroupAsync(
                new DeleteConsumerGroupRequest { Group = group }, connection.Unary(timeout.Token, QueryConnection.AdminHeaders(key)));
        }
        catch (Grpc.Core.RpcException ex)
        {
            await error.WriteLineAsync($"watch: could not remove its consumer group {group}: {ex.Status.Detail}");
        }
    }
}
