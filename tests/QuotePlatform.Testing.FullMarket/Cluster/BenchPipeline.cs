using System.Globalization;
using System.Security.Cryptography;
using ClickHouse.Driver;
using QuotePlatform.Storage;
using QuotePlatform.Streams;
using QuotePlatform.Testing;
using StackExchange.Redis;

namespace QuotePlatform.Testing.FullMarket.Cluster;

/// <summary>
/// A relay and a storage writer as processes, as deployed, with a Redis key prefix and a ClickHouse
/// database of their own. Either service can be killed (SIGKILL) and started again on the same port
/// with the same consumer name, as an orchestrator restarts a crashed pod. An ingest process
/// replaying a recording into the relay can be added (<see cref="StartReplayIngestAsync"/>).
/// </summary>
public sealed class BenchPipeline : IAsyncDisposable
{
    public const string ProducerId = "bench-ingest";

    private readonly PipelineSettings _settings;

    private BenchPipeline(PipelineSettings settings, string id)
    {
        _settings = settings;
        Id = id;
        Keys = new StreamKeys("qpb" + id);
        Database = "qp_bench_" + id;
        ApiKey = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        Admin = new ClickHouseClient(ClickHouseSettings.Parse(settings.AdminClickHouseUrl ?? settings.ClickHouseUrl));
        Bars = new ClickHouseClient(ClickHouseSettings.Parse($"{settings.AdminClickHouseUrl ?? settings.ClickHouseUrl}/{Database}?compression=false"));
    }

    public string Id { get; }

    public StreamKeys Keys { get; }

    public string Database { get; }

    public string ApiKey { get; }

    /// <summary>Client on the server (DDL, system tables).</summary>
    public ClickHouseClient Admin { get; }

    /// <summary>Client on the pipeline's own database, where the writer stores bars.</summary>
    public ClickHouseClient Bars { get; }

    public ServiceProcess Relay { get; private set; } = null!;

    public ServiceProcess Writer { get; private set; } = null!;

    /// <summary>The ingest service, once <see cref="StartReplayIngestAsync"/> started it.</summary>
    public ServiceProcess? Ingest { get; private set; }

    /// <summary>Everything the services printed, including instances killed and restarted.</summary>
    public string Logs => $"{_pastLogs}--- relay\n{Relay?.Output}\n--- storage writer\n{Writer?.Output}{(Ingest is null ? "" : $"\n--- ingest\n{Ingest.Output}")}";

    private string _pastLogs = "";

    public static async Task<BenchPipeline> StartAsync(PipelineSettings settings)
    {
        var pipeline = new BenchPipeline(settings, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4)));
        await pipeline.Admin.ExecuteNonQueryAsync($"CREATE DATABASE IF NOT EXISTS {pipeline.Database}");
        pipeline.Writer = await pipeline.StartWriterAsync(port: null);
        pipeline.Relay = await pipeline.StartRelayAsync(port: null);
        return pipeline;
    }

    /// <summary>
    /// The ingest service as shipped, its Replay source reading <paramref name="recording"/> at
    /// <paramref name="speed"/> (1: real time) into this pipeline's relay, with a durable spool in
    /// <paramref name="spoolDirectory"/>; <paramref name="extra"/> adds or overrides settings.
    /// </summary>
    public async Task<ServiceProcess> StartReplayIngestAsync(string recording, double speed, string spoolDirectory, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Ingest:Source"] = "Replay",
            ["Ingest:Replay:Path"] = recording,
            ["Ingest:Replay:Speed"] = speed.ToString(CultureInfo.InvariantCulture),
            ["Ingest:Relay:Url"] = Relay.Address.ToString(),
            ["Ingest:Relay:ApiKey"] = ApiKey,
            ["Ingest:Relay:ProducerId"] = ProducerId,
            ["Ingest:Spool:Directory"] = spoolDirectory,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        Ingest = await ServiceProcess.StartAsync("QuotePlatform.Ingest", settings, http2Only: false, TimeSpan.FromSeconds(90));
        return Ingest;
    }

    /// <summary>Kills the relay (SIGKILL) and, after <paramref name="down"/>, starts it again on the same port.</summary>
    public async Task KillAndRestartRelayAsync(TimeSpan down)
    {
        var port = Relay.Address.Port;
        if (!Relay.HasExited)
        {
            await Relay.KillAsync();
        }

        _pastLogs += $"--- relay (killed)\n{Relay.Output}\n";
        await Relay.DisposeAsync();
        await Task.Delay(down);
        Relay = await StartRelayAsync(port);
    }

    /// <summary>Kills the writer (SIGKILL) and, after <paramref name="down"/>, starts it again with the same consumer name.</summary>
    public async Task KillAndRestartWriterAsync(TimeSpan down)
    {
        var port = Writer.Address.Port;
        if (!Writer.HasExited)
        {
            await Writer.KillAsync();
        }

        _pastLogs += $"--- storage writer (killed)\n{Writer.Output}\n";
        await Writer.DisposeAsync();
        await Task.Delay(down);
        Writer = await StartWriterAsync(port);
    }

    /// <summary>
    /// Entries the services logged at error or critical level (the console logger's "fail:" and
    /// "crit:" headers), each with its first message line, except the storage writer's readiness
    /// check answering "not prepared yet" while it starts: ASP.NET logs an unhealthy check at error
    /// level, and the harness polls /health/ready to know a service is up (<see cref="StartupReadinessLines"/>).
    /// </summary>
    public IReadOnlyList<string> ErrorLines() => [.. LoggedErrors().Where(line => !IsStartupReadiness(line))];

    /// <summary>Readiness checks that answered "not prepared yet" while a service started: not errors of the run.</summary>
    public int StartupReadinessLines() => LoggedErrors().Count(IsStartupReadiness);

    public async Task<long> ScalarAsync(string sql) =>
        Convert.ToInt64(await Bars.ExecuteScalarAsync(sql), CultureInfo.InvariantCulture);

    private IEnumerable<string> LoggedErrors()
    {
        var lines = Logs.Split('\n');
        return lines
            .Select((line, i) => (line, i))
            .Where(l => l.line.StartsWith("fail:", StringComparison.Ordinal) || l.line.StartsWith("crit:", StringComparison.Ordinal))
            .Select(l => l.i + 1 < lines.Length ? $"{l.line.Trim()} {lines[l.i + 1].Trim()}" : l.line.Trim());
    }

    private static bool IsStartupReadiness(string line) =>
        line.Contains("HealthCheckService", StringComparison.Ordinal) && line.Contains("not prepared yet", StringComparison.Ordinal);

    public async ValueTask DisposeAsync()
    {
        // The producer first, so it does not log a lost relay while the pipeline goes down.
        if (Ingest is not null)
        {
            await Ingest.DisposeAsync();
        }

        if (Relay is not null)
        {
            await Relay.DisposeAsync();
        }

        if (Writer is not null)
        {
            await Writer.DisposeAsync();
        }

        try
        {
            await Admin.ExecuteNonQueryAsync($"DROP DATABASE IF EXISTS {Database}");
            using var redis = await ConnectionMultiplexer.ConnectAsync(_settings.Redis);
            var server = redis.GetServers()[0];
            var keys = server.Keys(pattern: Keys.Prefix + ":*", pageSize: 1000).ToArray();
            if (keys.Length > 0)
            {
                await redis.GetDatabase().KeyDeleteAsync(keys);
            }
        }
        catch (Exception ex) when (ex is RedisException or HttpRequestException or ClickHouseServerException)
        {
            // Best effort: the servers of a benchmark run are thrown away afterwards anyway.
        }

        Bars.Dispose();
        Admin.Dispose();
    }

    /// <summary>A query service on this pipeline's Redis keys and database (gRPC on loopback); the caller stops it.</summary>
    public Task<ServiceProcess> StartQueryAsync()
    {
        var settings = Shared();
        settings["ConnectionStrings:clickhouse"] = $"{_settings.ClickHouseUrl}/{Database}";
        settings["Query:AdminApiKey"] = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        return ServiceProcess.StartAsync("QuotePlatform.Query", settings, ["Web", "Grpc"], TimeSpan.FromSeconds(90));
    }

    private Dictionary<string, string> Shared() => new()
    {
        ["ConnectionStrings:redis"] = _settings.Redis,
        ["Streams:KeyPrefix"] = Keys.Prefix,
        ["Streams:ShardCount"] = PipelineSettings.ShardCount.ToString(CultureInfo.InvariantCulture),
    };

    private Task<ServiceProcess> StartRelayAsync(int? port)
    {
        var settings = Shared();
        settings["Relay:Producers:0:Id"] = ProducerId;
        settings["Relay:Producers:0:ApiKey"] = ApiKey;
        foreach (var (key, value) in _settings.Relay)
        {
            settings[key] = value;
        }

        return ServiceProcess.StartAsync("QuotePlatform.Relay", settings, http2Only: true, TimeSpan.FromSeconds(90), port);
    }

    private Task<ServiceProcess> StartWriterAsync(int? port)
    {
        var settings = Shared();
        settings["ConnectionStrings:clickhouse"] = $"{_settings.ClickHouseUrl}/{Database}?compression=false";
        settings["StorageWriter:ConsumerName"] = "bench-writer-1";
        foreach (var (key, value) in _settings.Writer)
        {
            settings[key] = value;
        }

        return ServiceProcess.StartAsync("QuotePlatform.StorageWriter", settings, http2Only: false, TimeSpan.FromSeconds(90), port);
    }
}
