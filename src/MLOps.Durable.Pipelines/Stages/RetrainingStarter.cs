using MLOps.Durable.Client;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// Starts a pipeline run unless one of that pipeline is still in flight (at most one at a time). Run ids
/// start with <c>{pipeline}-</c>; a caller that retries passes the same instance id, so a
/// second attempt finds the first run rather than starting another.
/// </summary>
public static class RetrainingStarter
{
    /// <summary>The started run's id, or null when another run of the pipeline is in flight.</summary>
    public static async Task<string?> StartIfIdleAsync(
        DurableTaskClient client, string pipeline, string trigger, string requestedBy, string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (await client.GetInstanceAsync(instanceId, false, cancellationToken).ConfigureAwait(false) is not null)
        {
            return instanceId;
        }

        var (running, _) = await client.GetInstancesPageAsync(new InstanceQuery
        {
            InstanceIdPrefix = pipeline + "-",
            Statuses = [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
            PageSize = 1,
        }, cancellationToken).ConfigureAwait(false);
        if (running.Count > 0)
        {
            return null;
        }

        await client.ScheduleNewOrchestrationInstanceAsync(
            PipelineRunOrchestrator.Name, new PipelineRunRequest(pipeline, trigger, requestedBy), new StartOrchestrationOptions(instanceId), cancellationToken).ConfigureAwait(false);
        return instanceId;
    }
}
