namespace QuotePlatform.Cli.Backfill;

/// <summary>Consecutive expected 1m bars of one symbol and day that are not stored (frames are bar ENDs, epoch ms UTC).</summary>
internal sealed record MinuteGap(string Symbol, DateOnly Date, long FirstFrameUnixMs, long LastFrameUnixMs, int Bars);
