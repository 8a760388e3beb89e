namespace MLOps.Durable.History;

/// <summary>The orchestrator sent event <see cref="Name"/> to instance <see cref="InstanceId"/>.</summary>
public sealed record EventSent(int EventId, DateTimeOffset Timestamp, string InstanceId, string Name, string? Input) : HistoryEvent(EventId, Timestamp);
