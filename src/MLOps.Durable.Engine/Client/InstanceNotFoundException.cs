namespace MLOps.Durable.Client;

/// <summary>No orchestration instance has this id.</summary>
public sealed class InstanceNotFoundException(string instanceId)
    : DurableException($"No orchestration instance with id '{instanceId}' exists.")
{
    public string InstanceId { get; } = instanceId;
}
