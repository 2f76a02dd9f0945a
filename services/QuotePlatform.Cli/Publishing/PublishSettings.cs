using QuotePlatform.Domain.Bars;
using QuotePlatform.Domain.Sessions;

namespace QuotePlatform.Cli.Publishing;

/// <summary>How `quote publish` makes and sends its batches.</summary>
internal sealed record PublishSettings
{
    public required Uri Relay { get; init; }

    /// <summary>Secret: read from a file or the environment, never from the command line.</summary>
    public required string ApiKey { get; init; }

    /// <summary>Informational on the wire: the relay takes the producer identity from the API key.</summary>
    public string Producer { get; init; } = "dev";

    public IReadOnlyList<BarPeriod> Periods { get; init; } = BarPeriods.All;

    public AuctionBar AuctionBar { get; init; } = AuctionBar.Merged;

    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>0: as fast as possible; otherwise replay at this multiple of the ticks' own clock.</summary>
    public double Speed { get; init; }

    /// <summary>Bars (final and forming) per batch at most.</summary>
    public int BatchBars { get; init; } = 5_200;

    /// <summary>Batches sent but not yet answered, at most.</summary>
    public int Window { get; init; } = 8;

    /// <summary>Times a batch is sent before a FAILED answer ends the run.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>First delay before resending a FAILED batch; doubles per attempt, with jitter, up to 10 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Sequence of the first batch; the rest follow one by one.</summary>
    public required ulong FirstSequence { get; init; }
}
