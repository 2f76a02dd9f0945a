namespace QuotePlatform.Domain.Validation;

/// <summary>Why a bar was refused: a stable snake_case <paramref name="Reason"/> for metrics and a <paramref name="Detail"/> sentence naming the value.</summary>
public readonly record struct BarRejection(string Reason, string Detail);
