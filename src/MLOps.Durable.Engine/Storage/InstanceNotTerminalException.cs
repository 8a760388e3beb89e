namespace MLOps.Durable.Storage;

/// <summary>The operation needs a finished instance (purge, restart with the same id) and this one is not.</summary>
public sealed class InstanceNotTerminalException(string instanceId, OrchestrationRuntimeStatus status, string operation)
    : DurableException($"Cannot {operation} orchestration instance '{instanceId}': it is {status}; " +
        "only Completed, Failed or Terminated instances can be.")
{
    public string InstanceId { get; } = instanceId;

    public OrchestrationRuntimeStatus Status { get; } = status;
}
