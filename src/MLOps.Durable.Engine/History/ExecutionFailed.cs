namespace MLOps.Durable.History;

/// <summary>The orchestrator threw, or its replay did not match its history.</summary>
public sealed record ExecutionFailed(DateTimeOffset Timestamp, FailureDetails Failure) : HistoryEvent(-1, Timestamp);
