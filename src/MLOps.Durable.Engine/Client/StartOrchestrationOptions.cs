namespace MLOps.Durable.Client;

/// <summary>How to start an instance: its id (a new GUID when null) and an optional start time.</summary>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null);
