namespace MLOps.Durable;

/// <summary>What an activity knows about its call.</summary>
public sealed class TaskActivityContext(string name, string instanceId, int taskId, int attempt, CancellationToken cancellationToken)
{
    /// <summary>The activity's registered name.</summary>
    public string Name { get; } = name;

    /// <summary>The orchestration instance that called it.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The call's action id within the orchestration (stable across redeliveries).</summary>
    public int TaskId { get; } = taskId;

    /// <summary>How many times this request has been delivered (1 on the first delivery).</summary>
    public int DeliveryCount { get; } = attempt;

    /// <summary>Cancelled when the worker shuts down; the request is then delivered again later.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;
}
