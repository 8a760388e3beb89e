namespace MLOps.Durable.Pipelines.Events;

/// <summary>Drops events (tests and hosts without a topic).</summary>
public sealed class NullEventPublisher : IEventPublisher
{
    public static NullEventPublisher Instance { get; } = new();

    public Task PublishAsync(IReadOnlyList<PipelineEvent> events, CancellationToken cancellationToken = default) => Task.CompletedTask;
}
