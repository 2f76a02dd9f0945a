using System.Diagnostics;
using System.Globalization;
using System.Text;
using QuotePlatform.Testing;

namespace QuotePlatform.Cli.Tests.Support;

/// <summary>The built `quote` binary run as a process, for what only a real process shows (signals, exit codes).</summary>
internal sealed class QuoteProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _error = new();

    private QuoteProcess(Process process)
    {
        _process = process;
        _process.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _process.BeginErrorReadLine();
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public static QuoteProcess Start(params string[] args)
    {
        var dll = Path.Combine(TestRepository.BuildOutputOf("QuotePlatform.Cli"), "quote.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = false };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return new QuoteProcess(Process.Start(start) ?? throw new InvalidOperationException("quote did not start"));
    }

    public async Task WaitForErrorAsync(string text, int timeoutSeconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!Error.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"quote did not write '{text}' (exited: {_process.HasExited}):\n{Error}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Sends a signal as Ctrl-C (INT) or an orchestrator (TERM) would, and returns the exit code.</summary>
    public async Task<int> SignalAsync(string signal, int timeoutSeconds = 90)
    {
        using (var kill = Process.Start("kill", [$"-{signal}", _process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"quote did not exit within {timeoutSeconds} s of SIG{signal}; its stderr:\n{Error}");
        }

        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
