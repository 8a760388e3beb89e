using MLOps.Durable.History;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Client;

/// <summary>An instance's state as a client sees it, with typed readers for its payloads.</summary>
public sealed class OrchestrationMetadata(OrchestrationInstance instance, DataConverter converter)
{
    public string InstanceId => instance.InstanceId;

    public string Name => instance.Name;

    public OrchestrationRuntimeStatus RuntimeStatus => instance.RuntimeStatus;

    public DateTimeOffset CreatedAt => instance.CreatedAt;

    public DateTimeOffset LastUpdatedAt => instance.LastUpdatedAt;

    public DateTimeOffset? CompletedAt => instance.CompletedAt;

    public DateTimeOffset? ScheduledStartTime => instance.ScheduledStartTime;

    public string? SerializedInput => instance.SerializedInput;

    public string? SerializedOutput => instance.SerializedOutput;

    public string? SerializedCustomStatus => instance.SerializedCustomStatus;

    public FailureDetails? FailureDetails => instance.FailureDetails;

    public string? ParentInstanceId => instance.ParentInstanceId;

    /// <summary>True while Running or Suspended.</summary>
    public bool IsRunning => instance.RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Suspended;

    /// <summary>True once Completed, Failed or Terminated.</summary>
    public bool IsCompleted => instance.RuntimeStatus.IsTerminal();

    /// <summary>The stored row.</summary>
    public OrchestrationInstance Instance => instance;

    public T? ReadInputAs<T>() => converter.Deserialize<T>(instance.SerializedInput);

    public T? ReadOutputAs<T>() => converter.Deserialize<T>(instance.SerializedOutput);

    public T? ReadCustomStatusAs<T>() => converter.Deserialize<T>(instance.SerializedCustomStatus);
}
