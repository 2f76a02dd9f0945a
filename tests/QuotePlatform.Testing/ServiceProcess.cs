using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

namespace QuotePlatform.Testing;

/// <summary>
/// A built service (services/NAME/bin/CONFIG/net10.0/NAME.dll) run as its own process on a free
/// loopback port, as scripts/dev.sh and the container images run it. Its output is kept for the
/// failure message; disposing stops it as an orchestrator would (SIGTERM, then a kill after a grace).
/// </summary>
public sealed class ServiceProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address, IReadOnlyDictionary<string, Uri>? endpoints = null)
    {
        _process = process;
        // The dll's path is the first argument of `dotnet`: its file name identifies the child.
        OrphanGuard.Watch(process, Path.GetFileName(process.StartInfo.ArgumentList[0]));
        Address = address;
        Endpoints = endpoints ?? new Dictionary<string, Uri>();
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>Named Kestrel endpoints (see the overload of StartAsync that takes them) and their addresses.</summary>
    public IReadOnlyDictionary<string, Uri> Endpoints { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the service and waits until /health/ready answers 200.</summary>
    /// <param name="http2Only">The service serves cleartext HTTP/2 only (gRPC), so ask with prior knowledge.</param>
    /// <param name="settings">Configuration keys ("Relay:ShardCount") or environment names ("Relay__ShardCount").</param>
    /// <param name="readyTimeout">Zero: do not wait (a process that may finish its work and exit before anyone asks).</param>
    /// <param name="port">A fixed loopback port (a restarted service keeps its address), or a free one.</param>
    /// <param name="arguments">Command-line arguments before the address (e.g. a verb and its options).</param>
    public static async Task<ServiceProcess> StartAsync(
        string project, IReadOnlyDictionary<string, string> settings, bool http2Only, TimeSpan readyTimeout, int? port = null,
        IReadOnlyList<string>? arguments = null)
    {
        var dll = BuiltDll(project);
        var address = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port ?? LoopbackPort.Free()}"));
        var start = StartInfo(dll, settings);
        foreach (var argument in arguments ?? [])
        {
            start.ArgumentList.Add(argument);
        }

        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(address.ToString());
        var service = new ServiceProcess(Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start"), address);
        if (readyTimeout > TimeSpan.Zero)
        {
            await service.WaitReadyAsync(project, http2Only, readyTimeout);
        }

        return service;
    }

    /// <summary>
    /// Starts a service that listens on several named Kestrel endpoints, each on its own free loopback
    /// port given as Kestrel:Endpoints:NAME:Url (e.g. an HTTP/2-only gRPC port beside an HTTP/1.1 web
    /// port: cleartext cannot offer both on one port). Readiness is asked over HTTP/1.1 on the first.
    /// <paramref name="fixedAddresses"/> gives some endpoints their address (https://, or the port
    /// of a restarted service).
    /// </summary>
    public static async Task<ServiceProcess> StartAsync(
        string project, IReadOnlyDictionary<string, string> settings, IReadOnlyList<string> endpointNames, TimeSpan readyTimeout,
        IReadOnlyDictionary<string, Uri>? fixedAddresses = null)
    {
        ArgumentOutOfRangeException.ThrowIfZero(endpointNames.Count);
        var dll = BuiltDll(project);
        var endpoints = endpointNames.ToDictionary(
            name => name,
            name => fixedAddresses?.GetValueOrDefault(name) ?? new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{LoopbackPort.Free()}")));
        var start = StartInfo(dll, settings);
        foreach (var (name, address) in endpoints)
        {
            start.Environment[$"Kestrel__Endpoints__{name}__Url"] = address.ToString();
        }

        var service = new ServiceProcess(
            Process.Start(start) ?? throw new InvalidOperationException($"{project} did not start"), endpoints[endpointNames[0]], endpoints);
        await service.WaitReadyAsync(project, http2Only: false, readyTimeout);
        return service;
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the process to end by itself; its exit code, or a TimeoutException with its output.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"process did not exit within {timeout}:\n{Output}");
        }

        return _process.ExitCode;
    }

    /// <summary>Kills the process at once (SIGKILL, as a crash or `kill -9`), without any chance to clean up.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
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
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
    }

    private async Task WaitReadyAsync(string project, bool http2Only, TimeSpan timeout)
    {
        using var http = new HttpClient
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(5),
            DefaultRequestVersion = http2Only ? HttpVersion.Version20 : HttpVersion.Version11,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{project} exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"{project} not ready within {timeout}:\n{Output}");
    }

    private static string BuiltDll(string project)
    {
        var dll = Path.Combine(TestRepository.BuildOutputOf(project), project + ".dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException($"{dll} is not built: build quote-platform.sln first (scripts/dev.sh test does)", dll);
    }

    private static ProcessStartInfo StartInfo(string dll, IReadOnlyDictionary<string, string> settings)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll },
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        return start;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}
