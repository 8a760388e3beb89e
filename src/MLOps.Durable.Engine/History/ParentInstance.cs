namespace MLOps.Durable.History;

/// <summary>The orchestration that started a sub-orchestration, and the action id waiting for it.</summary>
public sealed record ParentInstance(string Name, string InstanceId, string ExecutionId, int TaskScheduledId);
