using MLOps.Durable.History;

namespace MLOps.Durable.Storage.Sqlite.Tests.Testing;

/// <summary>Small builders and steps the store tests share.</summary>
internal static class Scenario
{
    public static readonly TimeSpan LockDuration = TimeSpan.FromMinutes(1);

    public static ExecutionStarted Start(
        string instanceId, DateTimeOffset at, string? input = "\"in\"", DateTimeOffset? scheduledStart = null, ParentInstance? parent = null) =>
        new(at, "Flow", instanceId, $"{instanceId}-exec-1", input, parent, scheduledStart);

    public static OrchestrationEpisode Episode(
        OrchestrationWorkItem item,
        OrchestrationRuntimeStatus status = OrchestrationRuntimeStatus.Running,
        params HistoryEvent[] history) => new()
    {
        ExecutionId = item.Instance.ExecutionId,
        NewHistory = history,
        Status = new InstanceStatusUpdate(status, null, null, null),
    };

    /// <summary>Creates an instance and commits its first episode (Running, start consumed).</summary>
    public static async Task<OrchestrationInstance> StartRunningAsync(this SqliteDurableStore store, string instanceId, DateTimeOffset now)
    {
        var start = Start(instanceId, now);
        await store.CreateInstanceAsync(new InstanceCreation(start));
        var item = await store.LockOnlyAsync(instanceId);
        await store.CompleteOrchestrationAsync(item, Episode(item, OrchestrationRuntimeStatus.Running, new OrchestratorStarted(now), start));
        return (await store.GetInstanceAsync(instanceId, includePayloads: true))!;
    }

    /// <summary>Locks the next instance and checks that it is the expected one.</summary>
    public static async Task<OrchestrationWorkItem> LockOnlyAsync(this SqliteDurableStore store, string instanceId)
    {
        var item = await store.LockNextOrchestrationAsync(LockDuration);
        Assert.NotNull(item);
        Assert.Equal(instanceId, item.Instance.InstanceId);
        return item;
    }

    /// <summary>Sends <paramref name="message"/> to the instance and locks it.</summary>
    public static async Task<OrchestrationWorkItem> LockOnlyAsyncAfter(this SqliteDurableStore store, string instanceId, HistoryEvent message)
    {
        await store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, message)]);
        return await store.LockOnlyAsync(instanceId);
    }

    /// <summary>Drives an instance to a terminal status.</summary>
    public static async Task FinishAsync(this SqliteDurableStore store, string instanceId, OrchestrationRuntimeStatus status, DateTimeOffset now)
    {
        await store.StartRunningAsync(instanceId, now);
        await store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, new ExecutionTerminated(now, "done"))]);
        var item = await store.LockOnlyAsync(instanceId);
        await store.CompleteOrchestrationAsync(item, Episode(item, status, new ExecutionCompleted(now, "\"out\"")));
    }
}
