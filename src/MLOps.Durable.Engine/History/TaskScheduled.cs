namespace MLOps.Durable.History;

/// <summary>The orchestrator called activity <see cref="Name"/>; <c>EventId</c> is the action's sequence id.</summary>
public sealed record TaskScheduled(int EventId, DateTimeOffset Timestamp, string Name, string? Input) : HistoryEvent(EventId, Timestamp);
