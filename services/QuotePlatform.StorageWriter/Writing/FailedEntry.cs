using QuotePlatform.StorageWriter.Consuming;

namespace QuotePlatform.StorageWriter.Writing;

public sealed record FailedEntry(ConsumedEntry Entry, string Error);
