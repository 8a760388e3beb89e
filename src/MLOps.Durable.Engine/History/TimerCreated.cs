namespace MLOps.Durable.History;

/// <summary>The orchestrator created a durable timer due at <see cref="FireAt"/>.</summary>
public sealed record TimerCreated(int EventId, DateTimeOffset Timestamp, DateTimeOffset FireAt) : HistoryEvent(EventId, Timestamp);
