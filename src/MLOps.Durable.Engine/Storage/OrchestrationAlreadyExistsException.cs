namespace MLOps.Durable.Storage;

/// <summary>An instance with this id exists and has not finished, so it cannot be created again.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, OrchestrationRuntimeStatus status)
    : DurableException($"Orchestration instance '{instanceId}' already exists and is {status}; " +
        "an id can be reused only after the instance completed, failed or was terminated.")
{
    public string InstanceId { get; } = instanceId;

    public OrchestrationRuntimeStatus Status { get; } = status;
}
