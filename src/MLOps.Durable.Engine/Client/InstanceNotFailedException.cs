using MLOps.Durable.Storage;

namespace MLOps.Durable.Client;

/// <summary>Only failed instances can be rewound; this one is in another state.</summary>
public sealed class InstanceNotFailedException(string instanceId, OrchestrationRuntimeStatus status)
    : DurableException($"Cannot rewind orchestration instance '{instanceId}': only Failed instances can be rewound, and it is {status}.")
{
    public string InstanceId { get; } = instanceId;

    public OrchestrationRuntimeStatus Status { get; } = status;
}
