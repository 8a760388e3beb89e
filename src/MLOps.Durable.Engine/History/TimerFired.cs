namespace MLOps.Durable.History;

/// <summary>The timer created as <see cref="TimerId"/> became due.</summary>
public sealed record TimerFired(DateTimeOffset Timestamp, int TimerId, DateTimeOffset FireAt) : HistoryEvent(-1, Timestamp);
