namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Keeps the run's stages and publishes them as custom status; times come from the orchestration clock.</summary>
internal sealed class StageTracker(TaskOrchestrationContext context, string pipeline)
{
    private readonly List<RunStage> _stages = [];

    public IReadOnlyList<RunStage> Stages => _stages;

    public void Start(string stage, string? progress = null)
    {
        _stages.Add(new RunStage(stage, "running", context.CurrentUtcDateTime, null, progress));
        Publish(stage, progress);
    }

    /// <summary>Whether <paramref name="stage"/> is the stage started last and has not ended.</summary>
    public bool IsRunning(string stage) => _stages.Count > 0 && _stages[^1] is { Status: "running" } last && last.Name == stage;

    public void Progress(string stage, string progress)
    {
        _stages[^1] = _stages[^1] with { Detail = progress };
        Publish(stage, progress);
    }

    public void End(string status, string? detail)
    {
        var stage = _stages[^1];
        _stages[^1] = stage with { Status = status, EndedAt = context.CurrentUtcDateTime, Detail = detail };
        Publish(stage.Name, detail);
    }

    private void Publish(string stage, string? progress) =>
        context.SetCustomStatus(new PipelineRunStatus(pipeline, stage, progress, [.. _stages]));
}
