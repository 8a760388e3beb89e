namespace MLOps.Durable.History;

/// <summary>The orchestrator returned; <see cref="Result"/> is its serialized output.</summary>
public sealed record ExecutionCompleted(DateTimeOffset Timestamp, string? Result) : HistoryEvent(-1, Timestamp);
