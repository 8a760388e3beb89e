namespace MLOps.Durable.Pipelines.Stages;

/// <summary>A run names a pipeline the catalog does not hold (removed or broken since the run started).</summary>
public sealed class PipelineNotFoundException(string pipeline)
    : DurableException($"No pipeline '{pipeline}' is loaded; check workflows/{pipeline}.pipeline.yaml and GET /api/pipelines for load errors.")
{
    public string Pipeline { get; } = pipeline;
}
