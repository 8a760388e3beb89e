namespace MLOps.Durable.History;

/// <summary>The activity scheduled as <see cref="TaskScheduledId"/> threw.</summary>
public sealed record TaskFailed(DateTimeOffset Timestamp, int TaskScheduledId, FailureDetails Failure) : HistoryEvent(-1, Timestamp);
