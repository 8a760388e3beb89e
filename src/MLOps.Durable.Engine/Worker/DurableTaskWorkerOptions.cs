namespace MLOps.Durable.Worker;

/// <summary>How the worker runs work: concurrency, sessions, locks and polling. Validated at start.</summary>
public sealed class DurableTaskWorkerOptions
{
    /// <summary>Orchestration episodes run at once (host.json <c>maxConcurrentOrchestratorFunctions</c>).</summary>
    public int MaxConcurrentOrchestrations { get; set; } = Environment.ProcessorCount * 10;

    /// <summary>Activities run at once (host.json <c>maxConcurrentActivityFunctions</c>).</summary>
    public int MaxConcurrentActivities { get; set; } = Environment.ProcessorCount * 10;

    /// <summary>Keep replayed orchestrations in memory between episodes (host.json <c>extendedSessionsEnabled</c>).</summary>
    public bool ExtendedSessionsEnabled { get; set; } = true;

    /// <summary>How long an idle cached orchestration is kept (host.json <c>extendedSessionIdleTimeoutInSeconds</c>).</summary>
    public TimeSpan ExtendedSessionIdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>At most this many orchestrations are cached.</summary>
    public int MaxCachedOrchestrations { get; set; } = 1_000;

    /// <summary>At most this many history events are held by cached orchestrations (the memory bound).</summary>
    public int MaxCachedHistoryEvents { get; set; } = 2_000_000;

    /// <summary>How long a locked instance or activity stays locked without renewal; a crashed worker's work reappears after it (host.json <c>lockTimeoutInSeconds</c>).</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between checks of the store when nothing is signalled (work from other processes, due timers).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Activities locked per store round trip.</summary>
    public int ActivityBatchSize { get; set; } = 64;

    /// <summary>Throws <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        Require(MaxConcurrentOrchestrations >= 1, nameof(MaxConcurrentOrchestrations), MaxConcurrentOrchestrations, "an integer >= 1");
        Require(MaxConcurrentActivities >= 1, nameof(MaxConcurrentActivities), MaxConcurrentActivities, "an integer >= 1");
        Require(ExtendedSessionIdleTimeout > TimeSpan.Zero, nameof(ExtendedSessionIdleTimeout), ExtendedSessionIdleTimeout, "a positive duration");
        Require(MaxCachedOrchestrations >= 0, nameof(MaxCachedOrchestrations), MaxCachedOrchestrations, "an integer >= 0");
        Require(MaxCachedHistoryEvents >= 0, nameof(MaxCachedHistoryEvents), MaxCachedHistoryEvents, "an integer >= 0");
        Require(LockDuration >= TimeSpan.FromMilliseconds(100), nameof(LockDuration), LockDuration, "a duration of at least 100 ms");
        Require(PollInterval > TimeSpan.Zero, nameof(PollInterval), PollInterval, "a positive duration");
        Require(ActivityBatchSize >= 1, nameof(ActivityBatchSize), ActivityBatchSize, "an integer >= 1");
    }

    private static void Require(bool valid, string name, object value, string expected)
    {
        if (!valid)
        {
            throw new ArgumentException($"Worker option {name} is {value}; expected {expected}.", name);
        }
    }
}
