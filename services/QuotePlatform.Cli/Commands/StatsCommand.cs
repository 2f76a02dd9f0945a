using System.CommandLine;
using System.Globalization;
using QuotePlatform.Cli.Connection;
using QuotePlatform.Contracts.Admin.V1;

namespace QuotePlatform.Cli.Commands;

/// <summary>`quote stats`: what each running relay and storage writer last published (admin key).</summary>
internal static class StatsCommand
{
    public static Command Create(TimeProvider time)
    {
        var server = CommandRunner.ServerOption();
        var adminKeyFile = CommandRunner.AdminKeyFileOption();
        var command = new Command("stats", "Pipeline statistics per service instance: rates, errors, lag, last write (needs the admin key)") { server, adminKeyFile };
        command.SetAction((parse, cancellationToken) => AdminCommandRunner.RunAsync(parse, server, adminKeyFile, time, async (connection, headers, output, _) =>
        {
            var response = await connection.Admin.GetPipelineStatsAsync(new GetPipelineStatsRequest(), connection.Unary(cancellationToken, headers));
            var now = time.GetUtcNow().ToUnixTimeMilliseconds();
            await output.WriteLineAsync(Row("service", "instance", "bars/s", "bars", "errors", "rejected", "lag", "pending", "last write", "updated"));
            foreach (var stats in response.Services.OrderBy(s => s.Service, StringComparer.Ordinal).ThenBy(s => s.Instance, StringComparer.Ordinal))
            {
                await output.WriteLineAsync(Row(
                    stats.Service,
                    stats.Instance,
                    stats.BarsPerSecond.ToString("N0", CultureInfo.InvariantCulture),
                    stats.BarsTotal.ToString("N0", CultureInfo.InvariantCulture),
                    stats.ErrorsTotal.ToString("N0", CultureInfo.InvariantCulture),
                    stats.RejectedTotal.ToString("N0", CultureInfo.InvariantCulture),
                    stats.LagEntries.ToString("N0", CultureInfo.InvariantCulture),
                    stats.PendingEntries.ToString("N0", CultureInfo.InvariantCulture),
                    stats.LastWriteUnixMs == 0 ? "never" : ConsumersCommand.Idle(Math.Max(0, now - stats.LastWriteUnixMs)) + " ago",
                    ConsumersCommand.Idle(Math.Max(0, now - stats.UpdatedUnixMs)) + " ago"));
                if (stats.Extra.Count > 0)
                {
                    await output.WriteLineAsync("    " + string.Join(", ", stats.Extra.OrderBy(e => e.Key, StringComparer.Ordinal)
                        .Select(e => string.Create(CultureInfo.InvariantCulture, $"{e.Key} {e.Value:0.##}"))));
                }
            }

            foreach (var feed in response.Feeds)
            {
                await output.WriteLineAsync(FeedLine(feed, now));
            }

            if (response.Services.Count == 0)
            {
                await output.WriteLineAsync("(no service has published statistics in the last few seconds: are the relay and storage writer running?)");
            }

            return ExitCodes.Ok;
        }, cancellationToken));
        return command;
    }

    /// <summary>One hot-standby feed: who publishes under which epoch, who waits, and the last failover.</summary>
    internal static string FeedLine(FeedLease feed, long now)
    {
        var holder = feed.Holder.Length == 0 ? "nobody" : $"{feed.Holder} (epoch {feed.HolderEpoch}{(feed.Released ? ", released" : "")}, renewed {Ago(now, feed.HolderSeenUnixMs)})";
        var standby = feed.Standby.Length == 0 ? "none" : $"{feed.Standby} (epoch {feed.StandbyEpoch}, seen {Ago(now, feed.StandbySeenUnixMs)})";
        var failover = feed.LastFailoverUnixMs == 0
            ? "no failover"
            : string.Create(CultureInfo.InvariantCulture,
                $"last failover {Ago(now, feed.LastFailoverUnixMs)}: {feed.LastFailoverFrom} → {feed.LastFailoverTo} in {feed.LastFailoverDurationMs / 1000.0:0.0} s ({feed.Failovers} in all)");
        return $"feed {feed.Feed}: holder {holder}; standby {standby}; {failover}";
    }

    private static string Ago(long now, long unixMs) => ConsumersCommand.Idle(Math.Max(0, now - unixMs)) + " ago";

    private static string Row(string service, string instance, string rate, string total, string errors, string rejected, string lag, string pending, string lastWrite, string updated) =>
        $"{service,-15} {instance,-24} {rate,10} {total,14} {errors,8} {rejected,9} {lag,9} {pending,9} {lastWrite,14} {updated,12}".TrimEnd();
}
