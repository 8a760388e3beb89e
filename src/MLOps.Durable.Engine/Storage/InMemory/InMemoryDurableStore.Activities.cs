namespace MLOps.Durable.Storage.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc />
    public Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        var locked = new List<ActivityWorkItem>();
        lock (_gate)
        {
            var now = Now;
            foreach (var (id, entry) in _activities)
            {
                if (entry.LockToken is not null && entry.LockedUntil > now)
                {
                    continue;
                }

                entry.LockToken = Guid.NewGuid().ToString("N");
                entry.LockedUntil = now + lockDuration;
                entry.DequeueCount++;
                locked.Add(new ActivityWorkItem(id, entry.Message, entry.LockToken, entry.LockedUntil, entry.DequeueCount));
                if (locked.Count == maxCount)
                {
                    break;
                }
            }
        }

        return Task.FromResult<IReadOnlyList<ActivityWorkItem>>(locked);
    }

    /// <inheritdoc />
    public Task<bool> RenewActivityLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            if (!_activities.TryGetValue(workItem.Id, out var entry) || entry.LockToken != workItem.LockToken)
            {
                return Task.FromResult(false);
            }

            entry.LockedUntil = Now + lockDuration;
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        lock (_gate)
        {
            foreach (var completion in completions)
            {
                if (_activities.Remove(completion.WorkItem.Id))
                {
                    Enqueue(completion.Result);
                }
            }
        }

        OrchestrationWork.Notify();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            if (_activities.TryGetValue(workItem.Id, out var entry) && entry.LockToken == workItem.LockToken)
            {
                entry.LockToken = null;
            }
        }

        ActivityWork.Notify();
        return Task.CompletedTask;
    }
}
