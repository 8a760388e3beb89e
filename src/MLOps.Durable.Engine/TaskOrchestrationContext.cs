using Microsoft.Extensions.Logging;
using MLOps.Durable.History;

namespace MLOps.Durable;

/// <summary>
/// The orchestrator's only door to the outside world. Every call here is recorded in history and replayed,
/// which is what makes orchestrator code durable.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's registered name.</summary>
    public abstract string Name { get; }

    /// <summary>This instance's id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent when this is a sub-orchestration.</summary>
    public abstract ParentInstance? Parent { get; }

    /// <summary>True while the code is re-running past events; false once it reaches new ones.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The deterministic current time: the start of the episode being replayed or run.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>The input, deserialized as <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Calls an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Calls an activity whose result is not needed.</summary>
    public Task CallActivityAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(string name, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public Task CallSubOrchestratorAsync(string name, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(name, input, options);

    /// <summary>A durable timer due at <paramref name="fireAt"/> (UTC); cancelling it completes the task as cancelled.</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer due after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>
    /// Waits for an external event (names compare case-insensitively). An event raised before anyone waits is
    /// buffered; each event completes exactly one waiter.
    /// </summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event, throwing <see cref="ExternalEventTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        using var stopTimer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopWait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(timeout, stopTimer.Token);
        var received = WaitForExternalEvent<T>(eventName, stopWait.Token);
        var winner = await Task.WhenAny(received, timer);
        if (winner == received)
        {
            stopTimer.Cancel();
            return await received;
        }

        stopWait.Cancel();
        cancellationToken.ThrowIfCancellationRequested();
        throw new ExternalEventTimeoutException(eventName, timeout);
    }

    /// <summary>Sends an event to another instance (fire and forget, recorded in history).</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the status clients see while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this execution once the orchestrator returns and starts a new one with <paramref name="newInput"/>
    /// and an empty history. Events received but not yet consumed are carried over unless
    /// <paramref name="preserveUnprocessedEvents"/> is false.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A new GUID that is the same on every replay.</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when <see cref="IsReplaying"/> is false, so each line appears once.</summary>
    public abstract ILogger CreateReplaySafeLogger(string categoryName);

    /// <summary>A replay-safe logger named after <typeparamref name="T"/>.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName!);
}
