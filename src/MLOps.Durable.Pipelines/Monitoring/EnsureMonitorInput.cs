namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>The pipeline whose model was deployed, and when (the first check looks at predictions from then on).</summary>
public sealed record EnsureMonitorInput(string Pipeline, DateTime DeployedAt);
