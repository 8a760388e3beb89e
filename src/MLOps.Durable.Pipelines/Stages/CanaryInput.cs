namespace MLOps.Durable.Pipelines.Stages;

/// <summary>A canary to judge (or act on): the pipeline, the canary's version, the run that deployed it, and since when it served.</summary>
public sealed record CanaryInput(string RunId, string Pipeline, int Version, DateTime Since);
