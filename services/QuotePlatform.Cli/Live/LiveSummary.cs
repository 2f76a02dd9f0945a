namespace QuotePlatform.Cli.Live;

/// <summary>How a live subscription went: what was received and acknowledged, and why it ended.</summary>
internal sealed record LiveSummary(string Group, string Consumer, long Deliveries, long Bars, long Redelivered, string Ending);
