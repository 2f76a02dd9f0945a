using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace QuotePlatform.Benchmarks.Relay;

/// <summary>The relay as its own process on a free loopback port, started from its build output.</summary>
public sealed class RelayProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RelayProcess(Process process, Uri address, string logPath)
    {
        _process = process;
        Address = address;
        LogPath = logPath;
    }

    public Uri Address { get; }

    public string LogPath { get; }

    public static async Task<RelayProcess> StartAsync(IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { RelayAssembly(), "--urls", address.ToString() },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var logPath = Path.Combine(Path.GetTempPath(), $"qp-relay-bench-{port}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the relay");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        process.Exited += (_, _) => log.Dispose();
        process.EnableRaisingEvents = true;
        var relay = new RelayProcess(process, address, logPath);
        await relay.WaitUntilReadyAsync(cancellationToken);
        return relay;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM: the relay drains in-flight batches and stops by itself.
            using (Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
            }

            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(grace.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill();
            }
        }

        _process.Dispose();
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient();
        for (var attempt = 0; attempt < 150; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"the relay exited with code {_process.ExitCode}; see {LogPath}");
            }

            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Address, "/health/ready"))
                {
                    Version = HttpVersion.Version20,
                    VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                };
                using var response = await http.SendAsync(request, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new InvalidOperationException($"the relay did not become ready; see {LogPath}");
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is not null)
        {
            lock (log)
            {
                log.WriteLine(line);
            }
        }
    }

    /// <summary>The relay built in the same configuration as this benchmark, or QP_RELAY_DLL.</summary>
    private static string RelayAssembly()
    {
        if (Environment.GetEnvironmentVariable("QP_RELAY_DLL") is { Length: > 0 } configured)
        {
            return configured;
        }

        var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = output.Parent!.Name;
        var root = output;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "quote-platform.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(
            root?.FullName ?? throw new InvalidOperationException("quote-platform.sln not found above " + output.FullName),
            "services", "QuotePlatform.Relay", "bin", configuration, output.Name, "QuotePlatform.Relay.dll");
        return File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: build the solution first");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
