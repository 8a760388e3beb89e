using System.Runtime.CompilerServices;
using MLOps.Durable.History;
using MLOps.Durable.Registration;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Client;

/// <summary>
/// Starts, queries and controls orchestration instances. Works in any process that can reach the store;
/// when it knows the worker's registry it refuses unknown orchestrator names up front.
/// </summary>
public sealed class DurableTaskClient(
    IDurableStore store,
    DataConverter? converter = null,
    TimeProvider? timeProvider = null,
    DurableTaskRegistry? registry = null)
{
    /// <summary>How long a wait rests between checks when no change is signalled (changes by other processes).</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private readonly DataConverter _converter = converter ?? JsonDataConverter.Default;
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <summary>Creates a Pending instance and returns its id.</summary>
    /// <exception cref="TaskNotRegisteredException">The registry is known and has no such orchestrator.</exception>
    /// <exception cref="OrchestrationAlreadyExistsException">The id belongs to an instance that has not finished.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        string orchestratorName,
        object? input = null,
        StartOrchestrationOptions? options = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(orchestratorName);
        if (registry is not null && !registry.HasOrchestrator(orchestratorName))
        {
            throw registry.UnknownOrchestrator(orchestratorName);
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        await CreateAsync(orchestratorName, instanceId, _converter.Serialize(input), options?.StartAt, cancellationToken).ConfigureAwait(false);
        return instanceId;
    }

    /// <summary>The instance, or null when it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var row = await store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
        return row is null ? null : new OrchestrationMetadata(row, _converter);
    }

    /// <summary>One page of instances matching <paramref name="query"/>.</summary>
    public async Task<(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken)> GetInstancesPageAsync(
        InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1, nameof(query.PageSize));
        var page = await store.QueryInstancesAsync(query, cancellationToken).ConfigureAwait(false);
        return (page.Instances.Select(i => new OrchestrationMetadata(i, _converter)).ToList(), page.ContinuationToken);
    }

    /// <summary>Every instance matching <paramref name="query"/>, fetched page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        InstanceQuery? query = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        query ??= new InstanceQuery();
        do
        {
            var (instances, token) = await GetInstancesPageAsync(query, cancellationToken).ConfigureAwait(false);
            foreach (var instance in instances)
            {
                yield return instance;
            }

            query = token is null ? null! : query with { ContinuationToken = token };
        }
        while (query is not null);
    }

    /// <summary>Waits until the instance has left Pending.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <summary>Waits until the instance is Completed, Failed or Terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, s => s.IsTerminal(), cancellationToken);

    /// <summary>Sends an external event to a running instance.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceNotRunningException">The instance has finished.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventData = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await SendToRunningAsync(instanceId, "raise an event on", new EventRaised(_time.GetUtcNow(), eventName, _converter.Serialize(eventData)), cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>Terminates a running instance; <paramref name="reason"/> becomes its output.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, "terminate", new ExecutionTerminated(_time.GetUtcNow(), reason?.ToString()), cancellationToken);

    /// <summary>Suspends a running instance: events are kept until it is resumed.</summary>
    public Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, "suspend", new ExecutionSuspended(_time.GetUtcNow(), reason), cancellationToken);

    /// <summary>Resumes a suspended instance.</summary>
    public Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        SendToRunningAsync(instanceId, "resume", new ExecutionResumed(_time.GetUtcNow(), reason), cancellationToken);

    /// <summary>
    /// Rewinds a failed instance: it runs on from its last good state, scheduling again the activities that
    /// failed; failed sub-orchestrations are rewound with it. Successful work is not repeated.
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceNotFailedException">The instance is not Failed.</exception>
    public async Task RewindInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default)
    {
        var instance = await GetExistingAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
        if (instance.RuntimeStatus != OrchestrationRuntimeStatus.Failed)
        {
            throw new InstanceNotFailedException(instanceId, instance.RuntimeStatus);
        }

        // The parent first: a child that finishes quickly must find its parent running again.
        await store.SendMessagesAsync(
            [new OrchestrationMessage(instanceId, null, new ExecutionRewound(_time.GetUtcNow(), reason))], cancellationToken).ConfigureAwait(false);
        var history = await store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
        var children = history.OfType<SubOrchestrationInstanceCreated>().ToDictionary(c => c.EventId, c => c.InstanceId);
        foreach (var failed in history.OfType<SubOrchestrationInstanceFailed>())
        {
            if (children.TryGetValue(failed.TaskScheduledId, out var childId)
                && await GetInstanceAsync(childId, false, cancellationToken).ConfigureAwait(false) is { RuntimeStatus: OrchestrationRuntimeStatus.Failed })
            {
                await RewindInstanceAsync(childId, reason, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The current execution's history, oldest first.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await GetExistingAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
        return await store.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes a finished instance and its history.</summary>
    /// <exception cref="InstanceNotTerminalException">The instance has not finished.</exception>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        var purged = await store.PurgeInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return new PurgeResult(purged ? 1 : 0);
    }

    /// <summary>Deletes the finished instances <paramref name="filter"/> selects.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default) =>
        new(await store.PurgeInstancesAsync(filter, cancellationToken).ConfigureAwait(false));

    /// <summary>Starts the instance again with its original input, under the same id or a new one.</summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    /// <exception cref="InstanceNotTerminalException">Same id requested and the instance has not finished.</exception>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var existing = await GetExistingAsync(instanceId, true, cancellationToken).ConfigureAwait(false);
        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        if (!restartWithNewInstanceId && !existing.RuntimeStatus.IsTerminal())
        {
            throw new InstanceNotTerminalException(instanceId, existing.RuntimeStatus, "restart under the same id");
        }

        await CreateAsync(existing.Name, newId, existing.SerializedInput, null, cancellationToken).ConfigureAwait(false);
        return newId;
    }

    private Task CreateAsync(string name, string instanceId, string? serializedInput, DateTimeOffset? startAt, CancellationToken cancellationToken)
    {
        var start = new ExecutionStarted(_time.GetUtcNow(), name, instanceId, Guid.NewGuid().ToString("N"), serializedInput, null, startAt);
        return store.CreateInstanceAsync(new InstanceCreation(start), cancellationToken);
    }

    private async Task<OrchestrationMetadata> WaitForAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationRuntimeStatus, bool> reached, CancellationToken cancellationToken)
    {
        while (true)
        {
            var seen = store.InstanceChanges.Version;
            var instance = await GetExistingAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false);
            if (reached(instance.RuntimeStatus))
            {
                return instance;
            }

            await store.InstanceChanges.WaitAsync(seen, PollInterval, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<OrchestrationMetadata> GetExistingAsync(string instanceId, bool getInputsAndOutputs, CancellationToken cancellationToken) =>
        await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken).ConfigureAwait(false)
            ?? throw new InstanceNotFoundException(instanceId);

    private async Task SendToRunningAsync(string instanceId, string operation, HistoryEvent message, CancellationToken cancellationToken)
    {
        var instance = await GetExistingAsync(instanceId, false, cancellationToken).ConfigureAwait(false);
        if (instance.IsCompleted)
        {
            throw new InstanceNotRunningException(instanceId, instance.RuntimeStatus, operation);
        }

        await store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, message)], cancellationToken).ConfigureAwait(false);
    }
}
