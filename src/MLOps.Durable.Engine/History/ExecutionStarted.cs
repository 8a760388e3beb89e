namespace MLOps.Durable.History;

/// <summary>The first event of an execution: which orchestrator runs, with what input, for which parent.</summary>
public sealed record ExecutionStarted(
    DateTimeOffset Timestamp,
    string Name,
    string InstanceId,
    string ExecutionId,
    string? Input,
    ParentInstance? Parent = null,
    DateTimeOffset? ScheduledStartTime = null) : HistoryEvent(-1, Timestamp);
