namespace MLOps.Durable.History;

/// <summary>A client resumed a suspended instance: the events held back are delivered in order.</summary>
public sealed record ExecutionResumed(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);
