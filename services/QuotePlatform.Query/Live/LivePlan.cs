using QuotePlatform.Contracts.MarketData.V1;
using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Query.Live;

/// <summary>A validated subscription: what to read, for whom, and which bars to keep.</summary>
/// <param name="Group">Redis group name (with <see cref="LiveGroupNames.Prefix"/>).</param>
/// <param name="Symbols">Null: the whole market.</param>
/// <param name="Periods">Null: every period.</param>
/// <param name="StartId">Where a new group starts ("$", "0" or an entry id).</param>
public sealed record LivePlan(
    string Group,
    string Consumer,
    SubscriptionMode Mode,
    IReadOnlyList<int> Shards,
    IReadOnlySet<string>? Symbols,
    IReadOnlySet<Period>? Periods,
    string StartId,
    bool IncludeForming,
    bool IncludeQuotes,
    int MaxUnacked)
{
    /// <summary>Also every tick of the subscribed symbols, best effort (<see cref="StreamFollower.Ticks"/>).</summary>
    public bool IncludeTicks { get; init; }

    public bool Wants(Bar bar) =>
        (Symbols is null || Symbols.Contains(bar.Symbol)) && (Periods is null || Periods.Contains(bar.Period));

    public List<Bar> Select(BarBatch batch) => [.. batch.Bars.Where(Wants)];
}
