namespace MLOps.Durable.History;

/// <summary>Opens an episode; its timestamp is the orchestrator's <c>CurrentUtcDateTime</c> during the episode.</summary>
public sealed record OrchestratorStarted(DateTimeOffset Timestamp) : HistoryEvent(-1, Timestamp);
