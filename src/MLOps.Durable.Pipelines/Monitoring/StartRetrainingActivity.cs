using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>Starts a retraining run for drift, unless a run of the pipeline is in flight; returns its id or null.</summary>
[DurableTask(MonitorActivities.StartRetraining)]
public sealed class StartRetrainingActivity(DurableTaskClient client) : TaskActivity<RetrainRequest, string?>
{
    public override Task<string?> RunAsync(TaskActivityContext context, RetrainRequest input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RetrainingStarter.StartIfIdleAsync(client, input.Pipeline, "drift", input.Reason, input.RunId);
    }
}
