using Microsoft.WindowsAzure.Storage.Queue;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// A control message this worker has read from a partition it owns: a queue message (invisible to others while
/// buffered, its visibility renewed) or a due timer row. <see cref="Locked"/> while a work item holds it.
/// </summary>
internal sealed class BufferedMessage(string key, int partition, ControlEnvelope envelope, long order)
{
    public string Key { get; } = key;

    public int Partition { get; } = partition;

    public ControlEnvelope Envelope { get; } = envelope;

    /// <summary>Arrival order in this worker, so the instance with the oldest message goes first.</summary>
    public long Order { get; } = order;

    /// <summary>The queue message (its pop receipt changes when visibility is renewed); null for a timer row.</summary>
    public CloudQueueMessage? QueueMessage { get; set; }

    /// <summary>When the queue message becomes visible again unless renewed (real clock, Environment.TickCount64).</summary>
    public long VisibleAgainAt { get; set; }

    /// <summary>The Timers table row key of a timer.</summary>
    public string? TimerRowKey { get; init; }

    public bool Locked { get; set; }
}
