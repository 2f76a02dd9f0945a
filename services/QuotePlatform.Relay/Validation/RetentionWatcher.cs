using QuotePlatform.Domain.Validation;
using QuotePlatform.Streams.Retention;

namespace QuotePlatform.Relay.Validation;

/// <summary>
/// Keeps the retention the storage writers published (<see cref="RetentionRegistry"/>) at hand for
/// the batch checks, read again every few seconds. Null until a writer has published: then the
/// writers' own check is the only one (it refuses such a bar, counted, before inserting it).
/// </summary>
public sealed partial class RetentionWatcher(RetentionRegistry registry, TimeProvider time, ILogger<RetentionWatcher> logger) : BackgroundService
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(5);

    public RetentionLimits? Current { get; private set; }

    /// <summary>Reads the published limits now (also used at start, so the first batch is checked).</summary>
    public async Task RefreshAsync()
    {
        Current = await registry.ReadAsync() ?? Current;
    }

    /// <summary>The first read before the relay serves: its first batch is already checked.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await RefreshAsync();
        }
        catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogRefreshFailed(ex);
        }

        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RefreshInterval, time);
        try
        {
            do
            {
                try
                {
                    await RefreshAsync();
                }
                catch (Exception ex) when (ex is StackExchange.Redis.RedisException or TimeoutException)
                {
                    LogRefreshFailed(ex);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read the published retention from Redis; the last one read stays in use")]
    private partial void LogRefreshFailed(Exception exception);
}
