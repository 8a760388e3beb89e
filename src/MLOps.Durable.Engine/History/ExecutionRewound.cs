namespace MLOps.Durable.History;

/// <summary>
/// A client rewound a failed instance. Replay ignores, before this marker, the failed tasks (with their
/// scheduling events), failed sub-orchestration results and the failure that ended the execution, so the
/// code runs on from its last good state and schedules the failed work again. History stays append-only.
/// </summary>
public sealed record ExecutionRewound(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(-1, Timestamp);
