namespace MLOps.Durable.Pipelines.Stages;

/// <summary>One stage of a run as shown in custom status: status is running, done, rejected or skipped.</summary>
public sealed record RunStage(string Name, string Status, DateTime StartedAt, DateTime? EndedAt, string? Detail);
