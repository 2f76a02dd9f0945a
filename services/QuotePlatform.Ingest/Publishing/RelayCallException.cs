namespace QuotePlatform.Ingest.Publishing;

/// <summary>The Publish call broke (relay gone, connection lost, a batch answered FAILED): reconnect and resend.</summary>
public sealed class RelayCallException(string message, Exception? inner = null) : Exception(message, inner);
