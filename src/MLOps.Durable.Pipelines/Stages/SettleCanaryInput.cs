namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Promote (true) or roll back (false) the canary, and why (kept in the registry's audit trail).</summary>
public sealed record SettleCanaryInput(CanaryInput Canary, bool Promote, string Reason);
