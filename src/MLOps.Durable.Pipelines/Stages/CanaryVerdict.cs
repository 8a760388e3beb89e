namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Whether a canary may be promoted: <see cref="Healthy"/> unless its feedback fails the performance gate.</summary>
public sealed record CanaryVerdict(bool Healthy, int Predictions, int Feedback, string? Metric, double? Value, string Summary);
