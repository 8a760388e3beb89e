namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>The definition's monitoring policy, read at each check so edits apply from the next one.</summary>
public sealed record MonitorPlan(bool Enabled, TimeSpan Every, bool Retrain, TimeSpan Cooldown);
