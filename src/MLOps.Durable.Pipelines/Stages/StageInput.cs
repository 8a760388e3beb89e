namespace MLOps.Durable.Pipelines.Stages;

/// <summary>What every stage activity needs: the run (its artifacts folder) and the pipeline.</summary>
public sealed record StageInput(string RunId, string Pipeline);
