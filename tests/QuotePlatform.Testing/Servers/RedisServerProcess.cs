using System.Diagnostics;
using System.Globalization;
using StackExchange.Redis;

namespace QuotePlatform.Testing;

/// <summary>
/// A redis-server of its own on a free loopback port, with the append-only file on and fsync'd on
/// every write, so whatever Redis acknowledged survives a kill -9. Restarts keep the port and the
/// data directory. Tests that kill Redis use one of these (the shared one must not be restarted).
/// </summary>
public sealed class RedisServerProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("qp-chaos-redis-").FullName;
    private Process? _process;

    private RedisServerProcess(int port) => Port = port;

    public int Port { get; }

    public string Address => string.Create(CultureInfo.InvariantCulture, $"127.0.0.1:{Port}");

    public int? ProcessId => _process?.Id;

    public static async Task<RedisServerProcess> StartAsync()
    {
        var redis = new RedisServerProcess(LoopbackPort.Free());
        await redis.LaunchAsync();
        return redis;
    }

    /// <summary>SIGKILL, then the same server started again on the same files after <paramref name="down"/>.</summary>
    public async Task KillAndRestartAsync(TimeSpan down)
    {
        await KillAsync();
        await Task.Delay(down);
        await StartAgainAsync();
    }

    /// <summary>Kills the server without warning, as a crash would.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }
    }

    /// <summary>Starts the killed server again on the same port and files; returns once it answers PING.</summary>
    public Task StartAgainAsync()
    {
        _process?.Dispose();
        return LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process?.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    private async Task LaunchAsync()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList =
            {
                "--port", Port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _directory,
                "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--protected-mode", "yes",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
        OrphanGuard.Watch(_process, "redis-server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var waited = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var probe = await ConnectionMultiplexer.ConnectAsync($"{Address},connectTimeout=1000,abortConnect=true");
                await probe.GetDatabase().PingAsync();
                return;
            }
            catch (RedisConnectionException) when (waited.Elapsed < TimeSpan.FromSeconds(30) && !_process.HasExited)
            {
                await Task.Delay(100);
            }
        }
    }
}
