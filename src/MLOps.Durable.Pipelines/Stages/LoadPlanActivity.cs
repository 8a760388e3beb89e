using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Takes the run's plan from the pipeline definition (once; the result is kept in history).</summary>
[DurableTask(PipelineActivities.LoadPlan)]
public sealed class LoadPlanActivity(PipelineCatalog catalog) : TaskActivity<StageInput, RunPlan>
{
    public override async Task<RunPlan> RunAsync(TaskActivityContext context, StageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var p = RunData.Definition(catalog, input.Pipeline);
        var primary = p.Evaluate.PrimaryMetricFor(await RunData.TaskOfAsync(p, CancellationToken.None).ConfigureAwait(false));
        return new RunPlan(
            p.Name,
            p.Train.Candidates(),
            primary,
            MetricNames.HigherIsBetter(primary),
            p.Approve.Reviewers,
            p.Approve.Timeout,
            p.Approve.RemindEvery,
            p.Approve.OnTimeout.ToString().ToLowerInvariant(),
            p.Approve.AutoApprove?.ToString(),
            p.Deploy.Strategy.ToString().ToLowerInvariant(),
            p.Deploy.CanaryPercent,
            p.Deploy.PromoteAfter,
            p.Monitor.Enabled);
    }
}
