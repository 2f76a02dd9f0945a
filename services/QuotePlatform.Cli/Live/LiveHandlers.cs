using QuotePlatform.Contracts.Query.V1;

namespace QuotePlatform.Cli.Live;

/// <summary>What a live command does with each kind of message; a delivery is acknowledged once <see cref="Bars"/> returns.</summary>
internal sealed record LiveHandlers(
    Func<BarDelivery, CancellationToken, Task> Bars,
    Func<FormingBars, CancellationToken, Task>? Forming = null,
    Func<QuoteUpdate, CancellationToken, Task>? Quotes = null);
