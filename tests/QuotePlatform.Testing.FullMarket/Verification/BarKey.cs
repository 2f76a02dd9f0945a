namespace QuotePlatform.Testing.FullMarket.Verification;

/// <summary>What identifies a bar in the store: one row per key under FINAL.</summary>
public readonly record struct BarKey(string Symbol, int Period, long FrameUnixMs);
