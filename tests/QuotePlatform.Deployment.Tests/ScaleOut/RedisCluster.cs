using System.Diagnostics;
using System.Globalization;
using QuotePlatform.Deployment.Tests.Support;
using QuotePlatform.Testing;

namespace QuotePlatform.Deployment.Tests.ScaleOut;

/// <summary>
/// A real Redis Cluster of <c>masters</c> redis-server processes on loopback (cluster mode, no
/// replicas), created with `redis-cli --cluster create`; disposing stops the processes and deletes
/// their data.
/// </summary>
internal sealed class RedisCluster : IAsyncDisposable
{
    private readonly List<Process> _nodes = [];
    private readonly string _directory = Directory.CreateTempSubdirectory("qp-redis-cluster-").FullName;

    private RedisCluster()
    {
    }

    public IReadOnlyList<int> Ports { get; private set; } = [];

    /// <summary>StackExchange.Redis configuration: every node as a seed.</summary>
    public string ConnectionString => string.Join(',', Ports.Select(port => $"127.0.0.1:{port}"));

    public static async Task<RedisCluster> StartAsync(int masters)
    {
        var cluster = new RedisCluster();
        try
        {
            await cluster.StartNodesAsync(masters);
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public Task<ToolResult> CliAsync(int port, params string[] arguments) =>
        Tool.RunAsync("redis-cli", ["-p", port.ToString(CultureInfo.InvariantCulture), .. arguments]);

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes)
        {
            if (!node.HasExited)
            {
                node.Kill();
                await node.WaitForExitAsync();
            }

            node.Dispose();
        }

        Directory.Delete(_directory, recursive: true);
    }

    private async Task StartNodesAsync(int masters)
    {
        var ports = new List<int>();
        for (var i = 0; i < masters; i++)
        {
            var port = LoopbackPort.Free();
            var directory = Directory.CreateDirectory(Path.Combine(_directory, port.ToString(CultureInfo.InvariantCulture))).FullName;
            var start = new ProcessStartInfo("redis-server")
            {
                ArgumentList =
                {
                    "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
                    "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf", "--save", "", "--appendonly", "no",
                    // The bus port defaults to port + 10000, past 65535 for a high ephemeral port.
                    "--cluster-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
                },
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            var node = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start");
            node.OutputDataReceived += (_, _) => { };
            node.BeginOutputReadLine();
            node.BeginErrorReadLine();
            _nodes.Add(node);
            ports.Add(port);
        }

        Ports = ports;
        foreach (var port in ports)
        {
            await WaitAsync(async () => (await CliAsync(port, "ping")).Output.Trim() == "PONG", $"redis-server on {port}");
        }

        var create = await Tool.RunAsync("redis-cli",
            ["--cluster", "create", .. ports.Select(p => $"127.0.0.1:{p}"), "--cluster-replicas", "0", "--cluster-yes"]);
        if (create.ExitCode != 0)
        {
            throw new InvalidOperationException(create.Describe("redis-cli --cluster create"));
        }

        foreach (var port in ports)
        {
            await WaitAsync(async () => (await CliAsync(port, "cluster", "info")).Output.Contains("cluster_state:ok", StringComparison.Ordinal), $"cluster state on {port}");
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{what} not ready within 60 s");
            }

            await Task.Delay(100);
        }
    }
}
