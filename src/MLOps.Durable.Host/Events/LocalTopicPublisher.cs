using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Host.Events;

/// <summary>Publishes straight into the host's local topic (the default when no Event Grid topic is configured).</summary>
public sealed class LocalTopicPublisher(LocalEventTopic topic, string source) : IEventPublisher
{
    public async Task PublishAsync(IReadOnlyList<PipelineEvent> events, CancellationToken cancellationToken = default) =>
        await topic.AcceptAsync([.. events.Select(e => CloudEventJson.From(e, source))], cancellationToken).ConfigureAwait(false);
}
