namespace QuotePlatform.Ingest.Sources.Qmt;

/// <summary>The terminal cannot serve us now (refused connect, empty link check): worth retrying.</summary>
public sealed class QmtLinkLostException(string message) : Exception(message);
