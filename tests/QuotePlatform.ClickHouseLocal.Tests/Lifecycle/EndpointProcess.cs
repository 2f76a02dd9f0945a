using System.Diagnostics;
using System.Text;
using QuotePlatform.Testing;

namespace QuotePlatform.ClickHouseLocal.Tests.Lifecycle;

/// <summary>
/// The endpoint as its own process, started exactly as scripts/dev.sh starts it, on a free loopback
/// port, with the library scripts/install-chdb.sh installs.
/// </summary>
internal sealed class EndpointProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private EndpointProcess(Process process, Uri baseUri)
    {
        _process = process;
        BaseUri = baseUri;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri BaseUri { get; }

    public string ConnectionString => $"Host={BaseUri.Host};Port={BaseUri.Port};Protocol=http";

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

    public static string LibraryPath => InstalledTool.ChdbLibrary;

    public static EndpointProcess Start(string dataPath, string? libraryPath = null)
    {
        var baseUri = new Uri($"http://127.0.0.1:{LoopbackPort.Free()}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "QuotePlatform.ClickHouseLocal.dll"),
            "--urls", baseUri.ToString().TrimEnd('/'),
            "--ClickHouseLocal:LibraryPath=" + (libraryPath ?? LibraryPath),
            "--ClickHouseLocal:DataPath=" + dataPath,
            "--ClickHouseLocal:PoolSize=2",
        })
        {
            start.ArgumentList.Add(argument);
        }

        return new EndpointProcess(Process.Start(start)!, baseUri);
    }

    /// <summary>Waits for "Ok." from /ping; false if the process exits first or time runs out.</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout && !_process.HasExited)
        {
            try
            {
                if (await http.GetStringAsync("/ping") == "Ok.\n")
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        return false;
    }

    /// <summary>Sends SIGTERM, as scripts/dev.sh and Kubernetes do, and waits for the exit code.</summary>
    public async Task<int?> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
            Assert.Equal(0, kill.ExitCode);
        }

        return await WaitForExitAsync(timeout);
    }

    public async Task<int?> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancellation = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancellation.Token);
            return _process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit();
        }

        _process.Dispose();
    }


    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
