using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Instances;

public sealed class InstancePurgeTests
{
    [Fact]
    public async Task PurgeInstanceAsync_Terminal_DeletesRowHistoryAndMessages()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("done", OrchestrationRuntimeStatus.Completed, hub.Now);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("done", null, new EventRaised(hub.Now, "late", null))]);
        var version = hub.Store.InstanceChanges.Version;

        Assert.True(await hub.Store.PurgeInstanceAsync("done"));

        Assert.True(hub.Store.InstanceChanges.Version > version);
        Assert.Null(await hub.Store.GetInstanceAsync("done", includePayloads: true));
        Assert.Empty(await hub.Store.GetHistoryAsync("done"));
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        Assert.False(await hub.Store.PurgeInstanceAsync("done"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Purge_InstanceWithQueuedActivity_DeletesTheRequestToo(bool byFilter)
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("abandoned", hub.Now);
        var item = await hub.Store.LockOnlyAsyncAfter("abandoned", new EventRaised(hub.Now, "go", null));
        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Terminated, null, null, null),
            Activities = [new ActivityMessage("abandoned", item.Instance.ExecutionId, 0, "Slow", null)],
        });

        if (byFilter)
        {
            Assert.Equal(1, await hub.Store.PurgeInstancesAsync(new PurgeFilter()));
        }
        else
        {
            Assert.True(await hub.Store.PurgeInstanceAsync("abandoned"));
        }

        Assert.Empty(await hub.Store.LockNextActivitiesAsync(10, Scenario.LockDuration));
    }

    [Fact]
    public async Task CreateInstance_ReplacingFinishedInstance_DropsItsQueuedActivities()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("again", hub.Now);
        var item = await hub.Store.LockOnlyAsyncAfter("again", new EventRaised(hub.Now, "go", null));
        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Terminated, null, null, null),
            Activities = [new ActivityMessage("again", item.Instance.ExecutionId, 0, "Slow", null)],
        });

        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("again", hub.Now) with { ExecutionId = "again-exec-2" }));

        Assert.Empty(await hub.Store.LockNextActivitiesAsync(10, Scenario.LockDuration));
    }

    [Fact]
    public async Task PurgeInstanceAsync_Unfinished_ThrowsNotTerminalAndKeepsIt()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("busy", hub.Now);

        var refused = await Assert.ThrowsAsync<InstanceNotTerminalException>(() => hub.Store.PurgeInstanceAsync("busy"));

        Assert.Equal(("busy", OrchestrationRuntimeStatus.Running), (refused.InstanceId, refused.Status));
        Assert.NotNull(await hub.Store.GetInstanceAsync("busy", includePayloads: false));
    }

    [Fact]
    public async Task PurgeInstanceAsync_UnknownId_ReturnsFalse()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        Assert.False(await hub.Store.PurgeInstanceAsync("nobody"));
    }

    [Fact]
    public async Task PurgeInstancesAsync_StatusFilter_PurgesOnlyMatchingTerminalInstances()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("completed", OrchestrationRuntimeStatus.Completed, hub.Now);
        await hub.Store.FinishAsync("failed", OrchestrationRuntimeStatus.Failed, hub.Now);
        await hub.Store.StartRunningAsync("running", hub.Now);

        var purged = await hub.Store.PurgeInstancesAsync(new PurgeFilter(Statuses: [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Running]));

        Assert.Equal(1, purged);
        Assert.Equal(["failed", "running"], (await hub.Store.QueryInstancesAsync(new InstanceQuery())).Instances.Select(i => i.InstanceId));
        Assert.Empty(await hub.Store.GetHistoryAsync("completed"));
    }

    [Fact]
    public async Task PurgeInstancesAsync_CreatedRange_PurgesOnlyTerminalInstancesInRange()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("old", OrchestrationRuntimeStatus.Terminated, hub.Now);
        await hub.Store.StartRunningAsync("old-running", hub.Now);
        hub.Time.Advance(TimeSpan.FromDays(2));
        await hub.Store.FinishAsync("new", OrchestrationRuntimeStatus.Completed, hub.Now);

        var purged = await hub.Store.PurgeInstancesAsync(new PurgeFilter(CreatedTo: TemporaryStore.Start.AddDays(1)));

        Assert.Equal(1, purged);
        Assert.Equal(["new", "old-running"], (await hub.Store.QueryInstancesAsync(new InstanceQuery())).Instances.Select(i => i.InstanceId));
    }
}
