using System.CommandLine;
using System.Diagnostics;
using System.Text;

namespace QuotePlatform.Cli.Tests.Support;

/// <summary>
/// A long-running `quote` command (watch, consume) started in the background: its output can be
/// read while it runs, waited on by condition, and it is stopped as Ctrl-C stops it (cancellation).
/// </summary>
internal sealed class RunningCli : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();
    private readonly CancellationTokenSource _interrupt = new();

    // TextWriter.Synchronized locks the writer itself (MethodImplOptions.Synchronized), so reading
    // the text under a lock on the same writer never sees a write half done.
    private readonly TextWriter _outputWriter;
    private readonly TextWriter _errorWriter;

    private RunningCli(Command command, string[] args)
    {
        var root = new RootCommand { command };
        _outputWriter = TextWriter.Synchronized(new StringWriter(_output));
        _errorWriter = TextWriter.Synchronized(new StringWriter(_error));
        var configuration = new InvocationConfiguration { Output = _outputWriter, Error = _errorWriter };
        Exit = Task.Run(() => root.Parse([command.Name, .. args]).InvokeAsync(configuration, _interrupt.Token));
    }

    public Task<int> Exit { get; }

    public string Output
    {
        get
        {
            lock (_outputWriter)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_errorWriter)
            {
                return _error.ToString();
            }
        }
    }

    public static RunningCli Start(Command command, params string[] args) => new(command, args);

    /// <summary>Waits until the condition holds (generous timeout: the suite runs on two busy cores).</summary>
    public async Task WaitUntilAsync(Func<RunningCli, bool> condition, string what, int timeoutSeconds = 60)
    {
        var clock = Stopwatch.StartNew();
        while (!condition(this))
        {
            if (Exit.IsCompleted)
            {
                throw new InvalidOperationException($"quote ended (exit {await Exit}) before {what}:\n{this}");
            }

            if (clock.Elapsed > TimeSpan.FromSeconds(timeoutSeconds))
            {
                throw new TimeoutException($"not {what} within {timeoutSeconds} s:\n{this}");
            }

            await Task.Delay(50);
        }
    }

    public Task WaitSubscribedAsync() => WaitUntilAsync(cli => cli.Error.Contains("subscribed: ", StringComparison.Ordinal), "subscribed");

    /// <summary>Waits for the command to end by itself.</summary>
    public async Task<int> WaitExitAsync(int timeoutSeconds = 60) => await Exit.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));

    /// <summary>Ctrl-C, then its exit code.</summary>
    public async Task<int> InterruptAsync()
    {
        await _interrupt.CancelAsync();
        return await WaitExitAsync();
    }

    public override string ToString() => $"--- stdout\n{Output}\n--- stderr\n{Error}";

    public async ValueTask DisposeAsync()
    {
        await _interrupt.CancelAsync();
        try
        {
            await Exit.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException)
        {
            // Ended by the cancellation, or still finishing: nothing of it is asserted any more.
        }

        _interrupt.Dispose();
        await _outputWriter.DisposeAsync();
        await _errorWriter.DisposeAsync();
    }
}
