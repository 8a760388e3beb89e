namespace MLOps.Durable.Storage;

/// <summary>
/// Activity requests. Delivery is at least once: a lock that expires makes the request visible again.
/// Completing deletes the request and queues its result in one transaction; completing a request that is
/// already gone does nothing, so each request yields at most one result message.
/// </summary>
public interface IActivityQueue
{
    /// <summary>Signalled when activity work was queued by this process.</summary>
    WorkSignal ActivityWork { get; }

    /// <summary>Locks up to <paramref name="maxCount"/> visible requests, oldest first.</summary>
    Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Extends a lock; false when the request is gone or locked by someone else.</summary>
    Task<bool> RenewActivityLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default);

    /// <summary>Deletes the requests and queues their results, all in one transaction.</summary>
    Task CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> completions, CancellationToken cancellationToken = default);

    /// <summary>Releases the lock so that the request is delivered again.</summary>
    Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default);
}
