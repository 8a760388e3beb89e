namespace MLOps.Durable;

/// <summary>Options for a sub-orchestration call: its instance id (a deterministic new one when null) and retries.</summary>
public sealed record SubOrchestrationOptions(string? InstanceId = null, RetryPolicy? Retry = null) : TaskOptions(Retry);
