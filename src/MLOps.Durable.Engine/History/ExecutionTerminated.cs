namespace MLOps.Durable.History;

/// <summary>A client terminated the instance; arrives as a message and ends the execution.</summary>
public sealed record ExecutionTerminated(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);
