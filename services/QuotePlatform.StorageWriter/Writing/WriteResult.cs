using QuotePlatform.StorageWriter.Consuming;

namespace QuotePlatform.StorageWriter.Writing;

/// <summary>Entries whose bars ClickHouse accepted (to ack), and entries that failed on their own, with why.</summary>
public sealed record WriteResult(IReadOnlyList<ConsumedEntry> Stored, IReadOnlyList<FailedEntry> Failed);
