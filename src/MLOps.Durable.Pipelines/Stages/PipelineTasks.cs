using MLOps.Durable.Registration;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Registers the pipeline run and model monitor orchestrations and their activities (they take the catalog, artifact store, registry, prediction log, event publisher and client from DI).</summary>
public static class PipelineTasks
{
    public static DurableTaskRegistry Register(DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<PipelineRunOrchestrator>()
            .AddActivity<LoadPlanActivity>()
            .AddActivity<ValidateDataActivity>()
            .AddActivity<TrainCandidateActivity>()
            .AddActivity<EvaluateActivity>()
            .AddActivity<RequestApprovalActivity>()
            .AddActivity<DeployActivity>()
            .AddActivity<CheckCanaryActivity>()
            .AddActivity<SettleCanaryActivity>()
            .AddActivity<Events.PublishEventActivity>()
            .AddOrchestrator<Monitoring.ModelMonitorOrchestrator>()
            .AddActivity<Monitoring.LoadMonitorPlanActivity>()
            .AddActivity<Monitoring.CheckDriftActivity>()
            .AddActivity<Monitoring.StartRetrainingActivity>()
            .AddActivity<Monitoring.EnsureMonitorActivity>();
    }
}
