namespace MLOps.Durable.History;

/// <summary>An external event arrived (names compare case-insensitively).</summary>
public sealed record EventRaised(DateTimeOffset Timestamp, string Name, string? Input) : HistoryEvent(-1, Timestamp);
