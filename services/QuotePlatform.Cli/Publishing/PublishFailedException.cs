namespace QuotePlatform.Cli.Publishing;

/// <summary>The relay kept refusing a batch, or ended the call with batches unanswered.</summary>
internal sealed class PublishFailedException(string message) : Exception(message);
