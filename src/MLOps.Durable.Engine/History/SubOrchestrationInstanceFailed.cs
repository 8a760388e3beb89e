namespace MLOps.Durable.History;

/// <summary>The sub-orchestration created as <see cref="TaskScheduledId"/> failed (or was terminated).</summary>
public sealed record SubOrchestrationInstanceFailed(DateTimeOffset Timestamp, int TaskScheduledId, FailureDetails Failure) : HistoryEvent(-1, Timestamp);
