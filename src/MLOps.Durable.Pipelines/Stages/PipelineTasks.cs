using MLOps.Durable.Registration;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Registers the pipeline run orchestration and its activities (they take the catalog, artifact store and registry from DI).</summary>
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
            .AddActivity<Events.PublishEventActivity>();
    }
}
