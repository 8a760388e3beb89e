namespace MLOps.Durable.History;

/// <summary>The sub-orchestration created as <see cref="TaskScheduledId"/> completed with <see cref="Result"/>.</summary>
public sealed record SubOrchestrationInstanceCompleted(DateTimeOffset Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(-1, Timestamp);
