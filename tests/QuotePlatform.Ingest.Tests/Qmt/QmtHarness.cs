using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuotePlatform.Domain.Sessions;
using QuotePlatform.Ingest.Sources;
using QuotePlatform.Ingest.Sources.Qmt;
using QuotePlatform.Ingest.Sources.Qmt.Python;

namespace QuotePlatform.Ingest.Tests.Qmt;

/// <summary>
/// Runs the real <see cref="QmtTickSource"/> (as AddQmtSource wires it) against the simulator in this
/// process's CPython, collecting every push it delivers.
/// </summary>
internal sealed class QmtHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly Channel<TickPush> _pushes = Channel.CreateUnbounded<TickPush>();
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public QmtHarness(PythonRuntime runtime, params (string Key, string Value)[] settings)
    {
        var configuration = new Dictionary<string, string?>
        {
            ["Ingest:Qmt:PythonDll"] = QmtTestSettings.PythonDll,
            ["Ingest:Qmt:ReconnectBaseDelay"] = "00:00:00.050",
            ["Ingest:Qmt:ReconnectMaxDelay"] = "00:00:00.500",
            ["Ingest:Qmt:LinkCheckInterval"] = "00:00:00.050",
        };
        foreach (var (key, value) in settings)
        {
            configuration[$"Ingest:Qmt:{key}"] = value;
        }

        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(configuration).Build())
            .AddLogging(logging => logging.AddSimpleConsole().SetMinimumLevel(LogLevel.Information))
            .AddQmtSource()
            .AddSingleton(runtime); // the collection's interpreter, not one per test
        _services = services.BuildServiceProvider();
    }

    public QmtSourceStatistics Statistics => _services.GetRequiredService<QmtSourceStatistics>();

    public List<TickPush> Received { get; } = [];

    /// <summary>A service of the source's container (e.g. the after-close comparison and its minute book).</summary>
    public T Get<T>() where T : notnull => _services.GetRequiredService<T>();

    public void Start() => _run = _services.GetRequiredService<QmtTickSource>().RunAsync(_pushes.Writer, _stop.Token);

    /// <summary>Collects pushes until the condition holds over what was received (or fails after the timeout).</summary>
    public async Task WaitUntilAsync(Func<List<TickPush>, bool> condition, string what, TimeSpan? timeout = null)
    {
        using var expiry = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(2));
        try
        {
            while (!condition(Received))
            {
                if (_run is { IsCompleted: true })
                {
                    await _run; // surfaces the source's failure
                    throw new InvalidOperationException($"the source stopped before: {what}");
                }

                using var poll = CancellationTokenSource.CreateLinkedTokenSource(expiry.Token);
                poll.CancelAfter(TimeSpan.FromMilliseconds(200));
                try
                {
                    Received.Add(await _pushes.Reader.ReadAsync(poll.Token));
                    while (_pushes.Reader.TryRead(out var push))
                    {
                        Received.Add(push);
                    }
                }
                catch (OperationCanceledException) when (!expiry.IsCancellationRequested)
                {
                    // Poll again: the source may have stopped.
                }
            }
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested)
        {
            throw new TimeoutException($"timed out waiting for: {what} ({Received.Count} pushes, {Received.Sum(p => p.Ticks.Count)} ticks received)");
        }
    }

    public static long LatestTickTime(List<TickPush> pushes) =>
        pushes.Count == 0 ? long.MinValue : pushes.Max(push => push.Ticks.Count == 0 ? long.MinValue : push.Ticks.Max(t => t.Tick.TimeUnixMs));

    /// <summary>Epoch ms of a Beijing time of day on the simulator's default day (the latest weekday).</summary>
    public static long At(string beijingTime, string day)
    {
        var date = DateOnly.ParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        var time = TimeOnly.ParseExact(beijingTime, "HH:mm:ss", CultureInfo.InvariantCulture);
        return new DateTimeOffset(date.ToDateTime(time), BeijingTime.Offset).ToUnixTimeMilliseconds();
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(TimeSpan.FromSeconds(30));
        }

        _stop.Dispose();
        await _services.DisposeAsync();
    }
}
