using System.Collections.Concurrent;
using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Pipelines.Tests.Stages;

/// <summary>Keeps every published event, in order, for assertions.</summary>
internal sealed class RecordingEventPublisher : IEventPublisher
{
    private readonly ConcurrentQueue<PipelineEvent> _events = new();

    public IReadOnlyList<PipelineEvent> Events => [.. _events];

    public Task PublishAsync(IReadOnlyList<PipelineEvent> events, CancellationToken cancellationToken = default)
    {
        foreach (var published in events)
        {
            _events.Enqueue(published);
        }

        return Task.CompletedTask;
    }
}
