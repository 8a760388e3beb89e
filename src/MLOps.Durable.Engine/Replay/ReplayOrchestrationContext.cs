using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using MLOps.Durable.History;
using MLOps.Durable.Serialization;

namespace MLOps.Durable.Replay;

/// <summary>
/// The context the executor hands to orchestrator code. Each call becomes a numbered action (the history
/// event it will be recorded as); completions arrive through <see cref="OrchestrationExecutor"/>.
/// </summary>
internal sealed partial class ReplayOrchestrationContext(
    ExecutionStarted start,
    DataConverter converter,
    ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    private readonly SortedDictionary<int, HistoryEvent> _unconfirmedActions = [];
    private readonly Dictionary<int, OpenTask> _openTasks = [];
    private readonly List<EventRaised> _bufferedEvents = [];
    private readonly List<EventWaiter> _eventWaiters = [];
    private int _nextSequenceId;
    private int _guidCounter;
    private string? _serializedCustomStatus;

    public override string Name => start.Name;

    public override string InstanceId => start.InstanceId;

    public override ParentInstance? Parent => start.Parent;

    public override bool IsReplaying => Replaying;

    public override DateTime CurrentUtcDateTime => Now.UtcDateTime;

    internal bool Replaying { get; set; }

    internal DateTimeOffset Now { get; set; }

    internal string? SerializedCustomStatus => _serializedCustomStatus;

    internal ContinueAsNewRequest? PendingContinueAsNew { get; private set; }

    internal bool HasOpenTask(int id) => _openTasks.ContainsKey(id);

    internal bool HasOpenWork => _openTasks.Count > 0 || _eventWaiters.Count > 0;

    internal SortedDictionary<int, HistoryEvent> UnconfirmedActions => _unconfirmedActions;

    internal IReadOnlyList<EventRaised> BufferedEvents => _bufferedEvents;

    public override T? GetInput<T>() where T : default => converter.Deserialize<T>(start.Input);

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = converter.Serialize(input);
        var result = await WithRetries(options?.Retry, () =>
        {
            var id = _nextSequenceId++;
            return Open(new TaskScheduled(id, Now, name, serializedInput), name);
        });
        return converter.Deserialize<TResult>(result)!;
    }

    public override async Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = converter.Serialize(input);
        var instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        var result = await WithRetries(options?.Retry, () =>
        {
            // Each attempt gets its own id unless the caller fixed one: a failed child instance stays
            // inspectable under its own id.
            var childId = instanceId ?? $"{InstanceId}:{NewGuid():N}";
            if (string.Equals(childId, InstanceId, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"Sub-orchestration '{name}' cannot run under its parent's own instance id '{InstanceId}'.", nameof(options));
            }

            var id = _nextSequenceId++;
            return Open(new SubOrchestrationInstanceCreated(id, Now, name, childId, serializedInput), name);
        });
        return converter.Deserialize<TResult>(result)!;
    }

    public override async Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = _nextSequenceId++;
        var due = new DateTimeOffset(DateTime.SpecifyKind(fireAt.ToUniversalTime(), DateTimeKind.Utc));
        var timer = Open(new TimerCreated(id, Now, due), "timer");
        if (cancellationToken.CanBeCanceled)
        {
            // A cancelled timer stays in history; its TimerFired, when it comes, finds no open task and is dropped.
            using var registration = cancellationToken.Register(() =>
            {
                if (_openTasks.Remove(id, out var open))
                {
                    open.Cancel();
                }
            });
            await timer;
            return;
        }

        await timer;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var buffered = _bufferedEvents.FindIndex(e => Same(e.Name, eventName));
        if (buffered >= 0)
        {
            var input = _bufferedEvents[buffered].Input;
            _bufferedEvents.RemoveAt(buffered);
            return Task.FromResult(converter.Deserialize<T>(input)!);
        }

        var waiter = new EventWaiter(eventName);
        _eventWaiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (_eventWaiters.Remove(waiter))
                {
                    waiter.Cancel();
                }
            });
        }

        return Deserialize<T>(waiter.Task);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var id = _nextSequenceId++;
        _unconfirmedActions.Add(id, new EventSent(id, Now, instanceId, eventName, converter.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus) => _serializedCustomStatus = converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        PendingContinueAsNew = new ContinueAsNewRequest(converter.Serialize(newInput), preserveUnprocessedEvents ? _bufferedEvents : []);

    public override Guid NewGuid()
    {
        // Name-based (RFC 4122 version 5 layout) from values that are identical on every replay.
        var name = $"{InstanceId}_{Now.UtcDateTime:o}_{_guidCounter++}";
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), this);

    /// <summary>Completes the open task <paramref name="id"/>; false when there is none (unknown or duplicate).</summary>
    internal bool TryComplete(int id, Action<OpenTask> complete)
    {
        if (!_openTasks.Remove(id, out var open))
        {
            return false;
        }

        complete(open);
        return true;
    }

    /// <summary>Delivers an external event to its first waiter, or buffers it.</summary>
    internal void Deliver(EventRaised raised)
    {
        var waiter = _eventWaiters.Find(w => Same(w.Name, raised.Name));
        if (waiter is null)
        {
            _bufferedEvents.Add(raised);
            return;
        }

        _eventWaiters.Remove(waiter);
        waiter.Complete(raised.Input);
    }

    private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private Task<string?> Open(HistoryEvent action, string name)
    {
        var open = new OpenTask(name, action.EventId);
        _unconfirmedActions.Add(action.EventId, action);
        _openTasks.Add(action.EventId, open);
        return open.Task;
    }

    private async Task<T> Deserialize<T>(Task<string?> serialized) => converter.Deserialize<T>(await serialized)!;

    private async Task<string?> WithRetries(RetryPolicy? policy, Func<Task<string?>> attempt)
    {
        if (policy is null)
        {
            return await attempt();
        }

        var firstAttemptAt = Now;
        for (var number = 1; ; number++)
        {
            try
            {
                return await attempt();
            }
            catch (TaskFailedException failed) when (ShouldRetry(policy, failed.FailureDetails, number, firstAttemptAt))
            {
                await CreateTimer(policy.DelayBefore(number + 1), CancellationToken.None);
            }
        }
    }

    private bool ShouldRetry(RetryPolicy policy, FailureDetails failure, int attempt, DateTimeOffset firstAttemptAt) =>
        attempt < policy.MaxNumberOfAttempts
        && !failure.IsNonRetriable
        && (policy.RetryTimeout == Timeout.InfiniteTimeSpan || Now - firstAttemptAt + policy.DelayBefore(attempt + 1) < policy.RetryTimeout)
        && (policy.HandleFailure?.Invoke(failure) ?? true);

    private sealed class EventWaiter(string name)
    {
        private readonly TaskCompletionSource<string?> _completion = new();

        public string Name { get; } = name;

        public Task<string?> Task => _completion.Task;

        public void Complete(string? input) => _completion.TrySetResult(input);

        public void Cancel() => _completion.TrySetCanceled();
    }
}
