namespace QuotePlatform.Testing.FullMarket.Chaos;

/// <summary>How one chaos run is set up: the market slice fed, and where proxies and own servers sit.</summary>
public sealed record ChaosOptions
{
    public int Symbols { get; init; } = 200;

    /// <summary>Pushes of the generated day fed (from 09:15); the first ~260 are the opening auction.</summary>
    public int Pushes { get; init; } = 1_400;

    /// <summary>The writer reaches ClickHouse through a proxy (hooks on INSERT, latency, cuts).</summary>
    public bool ProxyClickHouse { get; init; }

    /// <summary>The ingest reaches the relay, and the writer Redis, through proxies (cuts).</summary>
    public bool ProxyRelayAndRedis { get; init; }

    /// <summary>A ClickHouse endpoint of the run's own, which can be stopped.</summary>
    public bool OwnClickHouse { get; init; }

    /// <summary>Pause after each sealed batch group, so the stream lasts long enough to be hit mid-way.</summary>
    public TimeSpan Pacing { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Acknowledged batches before the fault is injected (mid-stream).</summary>
    public int FaultAfterBatches { get; init; } = 40;
}
