namespace MLOps.Durable.History;

/// <summary>Closes an episode: everything before it was committed atomically with the episode's messages.</summary>
public sealed record OrchestratorCompleted(DateTimeOffset Timestamp) : HistoryEvent(-1, Timestamp);
