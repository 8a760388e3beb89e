using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;
using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Host.Events;

/// <summary>Publishes CloudEvents to an Event Grid topic (or anything speaking its protocol, such as another host's local topic).</summary>
public sealed class EventGridTopicPublisher(Uri endpoint, string key, string source) : IEventPublisher
{
    private readonly EventGridPublisherClient _client = new(endpoint, new AzureKeyCredential(key));

    public async Task PublishAsync(IReadOnlyList<PipelineEvent> events, CancellationToken cancellationToken = default)
    {
        var cloudEvents = events.Select(e => new CloudEvent(source, e.Type, BinaryData.FromString(e.Data.GetRawText()), "application/json")
        {
            Id = e.Id,
            Subject = e.Subject,
            Time = e.Time,
        }).ToList();
        await _client.SendEventsAsync(cloudEvents, cancellationToken).ConfigureAwait(false);
    }
}
