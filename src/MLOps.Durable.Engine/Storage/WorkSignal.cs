namespace MLOps.Durable.Storage;

/// <summary>
/// A broadcast "something changed" signal with a version number, so a waiter never misses a change that
/// happened between reading the state and starting to wait. Waits are bounded by a poll interval measured on
/// the store's <see cref="TimeProvider"/>, which covers changes made by other processes.
/// </summary>
public sealed class WorkSignal(TimeProvider timeProvider)
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    /// <summary>Increases with every <see cref="Notify"/>.</summary>
    public long Version
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <summary>Wakes every waiter.</summary>
    public void Notify()
    {
        TaskCompletionSource previous;
        lock (_gate)
        {
            _version++;
            previous = _next;
            _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        previous.TrySetResult();
    }

    /// <summary>Returns once the version differs from <paramref name="seenVersion"/> or <paramref name="maxWait"/> passed.</summary>
    public Task WaitAsync(long seenVersion, TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        WaitUntilAsync(seenVersion, timeProvider.GetUtcNow() + maxWait, cancellationToken);

    /// <summary>
    /// Returns once the version differs from <paramref name="seenVersion"/> or the clock reaches
    /// <paramref name="deadline"/>. Take the deadline before looking for work: a clock that moves between the
    /// look and the wait (a test's fake clock jumping past a timer) then ends the wait instead of stranding it.
    /// </summary>
    public async Task WaitUntilAsync(long seenVersion, DateTimeOffset deadline, CancellationToken cancellationToken = default)
    {
        Task changed;
        lock (_gate)
        {
            if (_version != seenVersion)
            {
                return;
            }

            changed = _next.Task;
        }

        var remaining = deadline - timeProvider.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var elapsed = Task.Delay(remaining, timeProvider, stop.Token);

        // The clock may have moved while the delay was being armed; the delay would then count from the new time.
        if (timeProvider.GetUtcNow() < deadline)
        {
            await Task.WhenAny(changed, elapsed).ConfigureAwait(false);
        }

        await stop.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
