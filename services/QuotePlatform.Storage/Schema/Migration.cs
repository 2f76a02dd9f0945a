namespace QuotePlatform.Storage.Schema;

/// <summary>One versioned schema step; its statements are idempotent so a re-run is harmless.</summary>
public sealed record Migration(int Version, string Name, IReadOnlyList<string> Statements);
