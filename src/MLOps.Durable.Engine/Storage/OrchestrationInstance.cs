using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>The stored state of one orchestration instance (the row a client reads).</summary>
public sealed record OrchestrationInstance
{
    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required string ExecutionId { get; init; }

    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public DateTimeOffset? ScheduledStartTime { get; init; }

    public string? SerializedInput { get; init; }

    public string? SerializedOutput { get; init; }

    public string? SerializedCustomStatus { get; init; }

    public FailureDetails? FailureDetails { get; init; }

    public string? ParentInstanceId { get; init; }

    /// <summary>Number of history events of the current execution; changes with every committed episode.</summary>
    public int HistoryCount { get; init; }
}
