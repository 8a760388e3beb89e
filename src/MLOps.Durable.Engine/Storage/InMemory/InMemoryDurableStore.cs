using MLOps.Durable.History;

namespace MLOps.Durable.Storage.InMemory;

/// <summary>
/// A store that keeps everything in process memory behind one lock: for unit tests and samples. It follows
/// the same contract as the durable backends (the conformance suite runs against it) but loses everything
/// when the process ends.
/// </summary>
public sealed partial class InMemoryDurableStore : IDurableStore
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<string, InstanceEntry> _instances = new(StringComparer.Ordinal);
    private readonly HashSet<string> _instancesWithMessages = new(StringComparer.Ordinal);
    private readonly SortedDictionary<long, ActivityEntry> _activities = [];
    private long _nextSequence;

    /// <summary>Creates an empty store that reads the time from <paramref name="timeProvider"/>.</summary>
    public InMemoryDurableStore(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
        OrchestrationWork = new WorkSignal(_time);
        ActivityWork = new WorkSignal(_time);
        InstanceChanges = new WorkSignal(_time);
    }

    /// <inheritdoc />
    public WorkSignal OrchestrationWork { get; }

    /// <inheritdoc />
    public WorkSignal ActivityWork { get; }

    /// <inheritdoc />
    public WorkSignal InstanceChanges { get; }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    private DateTimeOffset Now => _time.GetUtcNow();

    private sealed class InstanceEntry(OrchestrationInstance row)
    {
        public OrchestrationInstance Row { get; set; } = row;

        public List<HistoryEvent> History { get; } = [];

        public List<(long Sequence, OrchestrationMessage Message)> Messages { get; } = [];

        public string? LockToken { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        /// <summary>When the current lock was taken: the messages visible then are the work item's.</summary>
        public DateTimeOffset LockedAt { get; set; }
    }

    private sealed class ActivityEntry(ActivityMessage message)
    {
        public ActivityMessage Message { get; } = message;

        public string? LockToken { get; set; }

        public DateTimeOffset LockedUntil { get; set; }

        public int DequeueCount { get; set; }
    }
}
