using MLOps.Durable.Client;

namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>Starts the model's monitor when it is not running (a deploy refreshes nothing else: the monitor reads the production version at each check).</summary>
[DurableTask(MonitorActivities.Ensure)]
public sealed class EnsureMonitorActivity(DurableTaskClient client) : TaskActivity<EnsureMonitorInput, string>
{
    public override async Task<string> RunAsync(TaskActivityContext context, EnsureMonitorInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var id = ModelMonitorOrchestrator.InstanceIdFor(input.Pipeline);
        if (await client.GetInstanceAsync(id).ConfigureAwait(false) is { IsCompleted: false })
        {
            return id;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                ModelMonitorOrchestrator.Name, new MonitorState(input.Pipeline, input.DeployedAt, null, 0), new StartOrchestrationOptions(id)).ConfigureAwait(false);
        }
        catch (Storage.OrchestrationAlreadyExistsException)
        {
            // Started meanwhile (a retried activity, or another deploy): one monitor is what we want.
        }

        return id;
    }
}
