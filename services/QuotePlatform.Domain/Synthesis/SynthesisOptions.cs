using QuotePlatform.Domain.Sessions;
using QuotePlatform.Domain.Ticks;

namespace QuotePlatform.Domain.Synthesis;

public sealed record SynthesisOptions
{
    /// <summary>How long after a bar's end ticks for it are still waited for before it closes.</summary>
    public TimeSpan Grace { get; init; } = TimeSpan.FromSeconds(10);

    public AuctionBar AuctionBar { get; init; } = AuctionBar.Merged;

    /// <summary>Forming updates on every contributing tick; offline runs turn them off.</summary>
    public bool EmitForming { get; init; } = true;

    /// <summary>Status codes meaning suspended; see <see cref="StockStatus"/>.</summary>
    public IReadOnlyList<int> SuspendedStatusCodes { get; init; } = StockStatus.DefaultSuspendedCodes;
}
