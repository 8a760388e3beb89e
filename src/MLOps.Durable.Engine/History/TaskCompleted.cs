namespace MLOps.Durable.History;

/// <summary>The activity scheduled as <see cref="TaskScheduledId"/> returned <see cref="Result"/>.</summary>
public sealed record TaskCompleted(DateTimeOffset Timestamp, int TaskScheduledId, string? Result) : HistoryEvent(-1, Timestamp);
