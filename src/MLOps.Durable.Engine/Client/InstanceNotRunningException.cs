using MLOps.Durable.Storage;

namespace MLOps.Durable.Client;

/// <summary>The operation needs a running instance and this one has already finished.</summary>
public sealed class InstanceNotRunningException(string instanceId, OrchestrationRuntimeStatus status, string operation)
    : DurableException($"Cannot {operation} orchestration instance '{instanceId}': it has already finished ({status}).")
{
    public string InstanceId { get; } = instanceId;

    public OrchestrationRuntimeStatus Status { get; } = status;
}
