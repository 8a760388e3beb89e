namespace MLOps.Durable.History;

/// <summary>A client suspended the instance: later events are recorded but held back until it resumes.</summary>
public sealed record ExecutionSuspended(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);
