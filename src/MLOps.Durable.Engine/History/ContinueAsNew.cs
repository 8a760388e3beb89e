namespace MLOps.Durable.History;

/// <summary>
/// The orchestrator restarted itself with <see cref="Input"/>. It is the last event of the old execution,
/// whose history is then replaced by a new execution's history.
/// </summary>
public sealed record ContinueAsNew(DateTimeOffset Timestamp, string? Input, string NewExecutionId) : HistoryEvent(-1, Timestamp);
