namespace MLOps.Durable.Pipelines.Events;

/// <summary>Sends lifecycle events to a topic (Event Grid, or the host's local topic).</summary>
public interface IEventPublisher
{
    /// <summary>Publishes the events in order; throws when the topic refused them (the caller retries).</summary>
    Task PublishAsync(IReadOnlyList<PipelineEvent> events, CancellationToken cancellationToken = default);
}
