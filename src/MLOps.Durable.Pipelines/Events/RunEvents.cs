namespace MLOps.Durable.Pipelines.Events;

/// <summary>
/// Publishes a run's events from its orchestration: ids <c>{run}/{n}</c> (or <c>{prefix}/{n}</c> for eternal
/// orchestrations, which pass one per iteration) numbered in call order, stable across replays; time from
/// the orchestration clock. Best effort: a topic that stays down after the
/// retries never fails the run.
/// </summary>
internal sealed class RunEvents(TaskOrchestrationContext context, string pipeline, string? idPrefix = null)
{
    private static readonly TaskOptions Retry = new(new RetryPolicy(3, TimeSpan.FromSeconds(10)));
    private int _sequence;

    public string RunSubject => PipelineEventTypes.RunSubject(pipeline, context.InstanceId);

    public Task PublishRunEventAsync(string type, object data) => PublishAsync(type, RunSubject, data);

    public async Task PublishAsync(string type, string subject, object data)
    {
        var id = $"{idPrefix ?? context.InstanceId}/{++_sequence}";
        try
        {
            await context.CallActivityAsync<bool>(
                PublishEventActivity.Name, PipelineEvent.Create(id, type, subject, context.CurrentUtcDateTime, data), Retry);
        }
        catch (TaskFailedException)
        {
            // Events are notifications: the run's own state (history, custom status, output) stays the record.
        }
    }
}
