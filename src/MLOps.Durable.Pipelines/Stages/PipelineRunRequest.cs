namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The input of a pipeline run: which pipeline, and what started it.</summary>
/// <param name="Pipeline">The pipeline name (workflows/*.pipeline.yaml).</param>
/// <param name="Trigger">http, schedule or drift.</param>
/// <param name="RequestedBy">Who or what asked for it.</param>
public sealed record PipelineRunRequest(string Pipeline, string Trigger = "http", string? RequestedBy = null);
