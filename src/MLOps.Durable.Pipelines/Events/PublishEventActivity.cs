namespace MLOps.Durable.Pipelines.Events;

/// <summary>Publishes one event from an orchestration (I/O belongs in activities).</summary>
[DurableTask(Name)]
public sealed class PublishEventActivity(IEventPublisher publisher) : TaskActivity<PipelineEvent, bool>
{
    public const string Name = "PipelinePublishEvent";

    public override async Task<bool> RunAsync(TaskActivityContext context, PipelineEvent input)
    {
        ArgumentNullException.ThrowIfNull(input);
        await publisher.PublishAsync([input]).ConfigureAwait(false);
        return true;
    }
}
