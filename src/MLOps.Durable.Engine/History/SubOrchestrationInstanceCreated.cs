namespace MLOps.Durable.History;

/// <summary>The orchestrator started sub-orchestration <see cref="Name"/> as instance <see cref="InstanceId"/>.</summary>
public sealed record SubOrchestrationInstanceCreated(int EventId, DateTimeOffset Timestamp, string Name, string InstanceId, string? Input)
    : HistoryEvent(EventId, Timestamp);
