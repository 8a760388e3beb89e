namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>One check: predictions logged from <paramref name="Since"/> against the training data.</summary>
public sealed record DriftCheckInput(string Pipeline, DateTime Since, int Check);
