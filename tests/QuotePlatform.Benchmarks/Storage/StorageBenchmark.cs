using System.Diagnostics;
using System.Globalization;
using ClickHouse.Driver;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Storage;
using QuotePlatform.StorageWriter;
using QuotePlatform.StorageWriter.Telemetry;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Benchmarks.Storage;

/// <summary>
/// The storage writer against the real servers: catch-up rows/s from pre-filled streams (a
/// full-market day is ~1.5 M bars), then steady-state XADD-to-visible-in-SELECT latency of
/// full-market minutes. Usage: storage [bars=1500000] [rounds=30] [symbols=5200]
/// </summary>
public sealed class StorageBenchmark : IBenchmarkCommand
{
    private const int ShardCount = 16;

    /// <summary>2026-11-24 09:31 Beijing; a day has 240 one-minute bar ends, 09:31-11:30 and 13:01-15:00.</summary>
    private static readonly DateTimeOffset FirstDay = new(2026, 11, 24, 0, 0, 0, TimeSpan.Zero);

    public string Name => "storage";

    public string Description => "storage writer: catch-up rows/s from filled streams, XADD-to-visible latency p50/p99";

    public async Task RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var totalBars = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 1_500_000;
        var rounds = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 30;
        var symbols = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 5_200;
        var id = Guid.NewGuid().ToString("N")[..10];
        var prefix = "bench" + id;
        var database = "qp_bench_" + id;
        var keys = new StreamKeys(prefix);
        var router = new ShardRouter(ShardCount);
        using var redis = await ConnectionMultiplexer.ConnectAsync(TestServers.Redis);
        var db = redis.GetDatabase();
        using var server = new ClickHouseClient(ClickHouseSettings.Parse(TestServers.ClickHouseUrl));
        await server.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {database}", cancellationToken: cancellationToken);
        try
        {
            var minutes = (totalBars + symbols - 1) / symbols;
            Console.WriteLine($"filling {ShardCount} shards with {minutes} full-market minutes of {symbols} symbols ({minutes * (long)symbols:N0} bars)");
            var filled = Stopwatch.StartNew();
            for (var minute = 0; minute < minutes; minute++)
            {
                await MinuteFeed.PublishAsync(db, keys, router, symbols, FrameOf(minute), minute);
            }

            Console.WriteLine($"filled in {filled.Elapsed.TotalSeconds:F1} s");
            var expected = minutes * (long)symbols;
            // As scripts/dev.sh runs the writer: on loopback, compressing request bodies only costs CPU.
            using var host = StartWriter(prefix, $"{TestServers.ClickHouseUrl}/{database}?compression=false");
            var metrics = host.Services.GetRequiredService<WriterMetrics>();
            var catchUp = Stopwatch.StartNew();
            var firstInsert = TimeSpan.Zero;
            long insertedAtFirst = 0;
            while (metrics.Inserted < expected)
            {
                if (firstInsert == TimeSpan.Zero && metrics.Inserted is > 0 and var inserted)
                {
                    (firstInsert, insertedAtFirst) = (catchUp.Elapsed, inserted);
                }

                await Task.Delay(5, cancellationToken);
            }

            catchUp.Stop();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"catch-up: {expected:N0} bars in {catchUp.Elapsed.TotalSeconds:F2} s = {expected / catchUp.Elapsed.TotalSeconds:N0} rows/s from writer start (migration included); first insert after {firstInsert.TotalSeconds:F2} s, then {(expected - insertedAtFirst) / (catchUp.Elapsed - firstInsert).TotalSeconds:N0} rows/s"));

            var latency = new LatencyStats();
            for (var round = 0; round < rounds; round++)
            {
                var minute = minutes + round;
                var frame = FrameOf(minute);
                var sent = Stopwatch.StartNew();
                await MinuteFeed.PublishAsync(db, keys, router, symbols, frame, minute);
                var frameSql = $"SELECT count() FROM {database}.bars FINAL WHERE period = 1 AND frame = fromUnixTimestamp64Milli({frame}, 'UTC')";
                while (Convert.ToInt64(await server.ExecuteScalarAsync(frameSql, cancellationToken: cancellationToken), CultureInfo.InvariantCulture) < symbols)
                {
                    await Task.Delay(5, cancellationToken);
                }

                latency.Add(sent.Elapsed);
                // Minutes arrive once a minute in production; a pause keeps each round a lone burst.
                await Task.Delay(300, cancellationToken);
            }

            Console.WriteLine($"steady state, XADD of a full-market minute ({symbols} bars) to all visible in SELECT ... FINAL: {latency.Summary()}");
            await host.StopAsync(cancellationToken);
        }
        finally
        {
            await server.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {database}", cancellationToken: CancellationToken.None);
            for (var shard = 0; shard < ShardCount; shard++)
            {
                await db.KeyDeleteAsync(keys.Bars(shard));
            }
        }
    }

    private static long FrameOf(int minute)
    {
        var day = minute / 240;
        var slot = minute % 240;
        // 09:31 Beijing is 01:31 UTC; 13:01 Beijing is 05:01 UTC. Skip to the next weekday.
        var date = FirstDay.AddDays(day);
        while (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            date = date.AddDays(1);
        }

        var time = slot < 120 ? TimeSpan.FromMinutes(91 + slot) : TimeSpan.FromMinutes(301 + slot - 120);
        return date.Add(time).ToUnixTimeMilliseconds();
    }

    private static IHost StartWriter(string prefix, string clickHouseUrl)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:redis"] = TestServers.Redis,
            ["ConnectionStrings:clickhouse"] = clickHouseUrl,
            ["Streams:KeyPrefix"] = prefix,
            ["Streams:ShardCount"] = ShardCount.ToString(CultureInfo.InvariantCulture),
            ["StorageWriter:ConsumerName"] = "bench",
        });
        builder.AddStorageWriter();
        var host = builder.Build();
        host.Start();
        return host;
    }
}
