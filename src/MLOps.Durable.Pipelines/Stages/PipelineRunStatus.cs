namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The run's custom status: the current stage, its progress and every stage so far.</summary>
public sealed record PipelineRunStatus(string Pipeline, string Stage, string? Progress, IReadOnlyList<RunStage> Stages);
