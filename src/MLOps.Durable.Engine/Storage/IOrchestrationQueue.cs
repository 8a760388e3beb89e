using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>
/// Orchestration instances and their message queues. An instance is locked while one worker runs an episode
/// for it; the lock expires so that a crashed worker's instance is picked up again, and a commit under a
/// lost lock is refused with <see cref="LockLostException"/>.
/// </summary>
public interface IOrchestrationQueue
{
    /// <summary>Signalled when orchestration work was queued by this process.</summary>
    WorkSignal OrchestrationWork { get; }

    /// <summary>Creates a Pending instance and queues its start; refuses a running duplicate.</summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id belongs to an instance that has not finished.</exception>
    Task CreateInstanceAsync(InstanceCreation creation, CancellationToken cancellationToken = default);

    /// <summary>Queues messages for existing instances; messages for instances that do not exist are dropped.</summary>
    Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks the unlocked instance whose oldest visible message is oldest (so no instance starves), with all
    /// its visible messages, or returns null when there is none.
    /// </summary>
    Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Locks up to <paramref name="maxCount"/> instances, in the order <see cref="LockNextOrchestrationAsync"/>
    /// would. Backends that can do it in one round trip override this.
    /// </summary>
    async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(
        int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var items = new List<OrchestrationWorkItem>();
        while (items.Count < maxCount
            && await LockNextOrchestrationAsync(lockDuration, cancellationToken).ConfigureAwait(false) is { } item)
        {
            items.Add(item);
        }

        return items;
    }

    /// <summary>The current execution's history of a work item's instance, oldest first.</summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Commits an episode atomically, consumes the work item's messages and releases the lock.</summary>
    /// <exception cref="LockLostException">The lock expired and was taken by another worker.</exception>
    Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationEpisode episode, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock without consuming anything, so the messages are delivered again.</summary>
    Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default);
}
