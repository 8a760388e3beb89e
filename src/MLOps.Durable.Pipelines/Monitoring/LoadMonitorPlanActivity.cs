using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>The monitoring policy of a pipeline as its definition says now; a removed pipeline turns monitoring off.</summary>
[DurableTask(MonitorActivities.LoadPlan)]
public sealed class LoadMonitorPlanActivity(PipelineCatalog catalog) : TaskActivity<string, MonitorPlan>
{
    public override Task<MonitorPlan> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult(catalog.Find(input) is { } pipeline
            ? new MonitorPlan(pipeline.Monitor.Enabled, pipeline.Monitor.Every, pipeline.Monitor.OnDrift == DriftAction.Retrain, pipeline.Monitor.Cooldown)
            : new MonitorPlan(false, TimeSpan.FromHours(1), false, TimeSpan.Zero));
}
