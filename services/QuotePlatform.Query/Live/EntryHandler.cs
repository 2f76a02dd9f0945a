using QuotePlatform.Streams;

namespace QuotePlatform.Query.Live;

/// <summary>Delivers one decoded entry; false when it held nothing for the client (it is then acknowledged unseen).</summary>
public delegate Task<bool> EntryHandler(int shard, string id, BarStreamEntry entry, bool redelivered, CancellationToken cancellationToken);
