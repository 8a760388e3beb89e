using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Orchestrations;

public sealed class EpisodeCommitTests
{
    [Fact]
    public async Task CompleteOrchestrationAsync_RunningEpisode_UpdatesRowAndReleasesLock()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("e", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("e");
        hub.Time.Advance(TimeSpan.FromSeconds(5));

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            NewHistory = [new OrchestratorStarted(hub.Now), new OrchestratorCompleted(hub.Now)],
            Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Running, null, "\"stage: train\"", null),
        });

        var row = (await hub.Store.GetInstanceAsync("e", includePayloads: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Running, row.RuntimeStatus);
        Assert.Equal(("\"stage: train\"", 2, hub.Now), (row.SerializedCustomStatus, row.HistoryCount, row.LastUpdatedAt));
        Assert.Equal(TemporaryStore.Start, row.CreatedAt);
        Assert.Null(row.CompletedAt);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("e", null, new EventRaised(hub.Now, "go", null))]);
        Assert.NotNull(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Completed)]
    [InlineData(OrchestrationRuntimeStatus.Failed)]
    [InlineData(OrchestrationRuntimeStatus.Terminated)]
    public async Task CompleteOrchestrationAsync_TerminalStatus_SetsCompletedAtOutputAndFailure(OrchestrationRuntimeStatus status)
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("end", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("end");
        hub.Time.Advance(TimeSpan.FromMinutes(2));
        var failure = status == OrchestrationRuntimeStatus.Failed ? new FailureDetails("E", "broken") : null;

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            Status = new InstanceStatusUpdate(status, "\"result\"", null, failure),
        });

        var row = (await hub.Store.GetInstanceAsync("end", includePayloads: true))!;
        Assert.Equal((status, "\"result\"", hub.Now), (row.RuntimeStatus, row.SerializedOutput, row.CompletedAt));
        Assert.Equal(failure, row.FailureDetails);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_ActivitiesAndMessages_QueuesThemAndNotifies()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("peer", hub.Now);
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("fan", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("fan");
        var activities = Enumerable.Range(0, 3).Select(i => new ActivityMessage("fan", item.Instance.ExecutionId, i, "Score", $"{i}")).ToList();
        var toPeer = new OrchestrationMessage("peer", null, new EventRaised(hub.Now, "hello", "\"fan\""));
        var toNobody = new OrchestrationMessage("nobody", null, new EventRaised(hub.Now, "lost", null));
        var (activityVersion, workVersion, changesVersion) =
            (hub.Store.ActivityWork.Version, hub.Store.OrchestrationWork.Version, hub.Store.InstanceChanges.Version);

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            Activities = activities,
            Messages = [toPeer, toNobody],
        });

        Assert.True(hub.Store.ActivityWork.Version > activityVersion);
        Assert.True(hub.Store.OrchestrationWork.Version > workVersion);
        Assert.True(hub.Store.InstanceChanges.Version > changesVersion);
        Assert.Equal(activities, (await hub.Store.LockNextActivitiesAsync(10, Scenario.LockDuration)).Select(w => w.Message));
        Assert.Equal([toPeer], (await hub.Store.LockOnlyAsync("peer")).Messages);
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_NoActivities_DoesNotNotifyActivityWork()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("quiet", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("quiet");
        var version = hub.Store.ActivityWork.Version;

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item));

        Assert.Equal(version, hub.Store.ActivityWork.Version);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_SubOrchestration_CreatesPendingChildWithItsStartQueued()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("parent", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("parent");
        var child = Scenario.Start("parent:0", hub.Now, parent: new ParentInstance("Flow", "parent", item.Instance.ExecutionId, 0));

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with { SubOrchestrations = [child] });

        var row = (await hub.Store.GetInstanceAsync("parent:0", includePayloads: true))!;
        Assert.Equal((OrchestrationRuntimeStatus.Pending, "parent", hub.Now), (row.RuntimeStatus, row.ParentInstanceId, row.CreatedAt));
        Assert.Equal([child], (await hub.Store.LockOnlyAsync("parent:0")).Messages.Select(m => m.Event));
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_SubOrchestrationIdInUse_SendsRefusalToParent()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("busy", hub.Now);
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("parent", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("parent");
        var child = Scenario.Start("busy", hub.Now, input: "\"new\"", parent: new ParentInstance("Flow", "parent", item.Instance.ExecutionId, 5));

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with { SubOrchestrations = [child] });

        Assert.Equal("\"in\"", (await hub.Store.GetInstanceAsync("busy", includePayloads: true))!.SerializedInput);
        var refusal = (await hub.Store.LockOnlyAsync("parent")).Messages.Single();
        Assert.Equal(SubOrchestrationRefusal.For(child, OrchestrationRuntimeStatus.Running, hub.Now), refusal);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_SubOrchestrationIdFinished_ReplacesIt()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("old-child", OrchestrationRuntimeStatus.Completed, hub.Now);
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("parent", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("parent");
        var child = Scenario.Start("old-child", hub.Now, input: "\"new\"", parent: new ParentInstance("Flow", "parent", item.Instance.ExecutionId, 1))
            with { ExecutionId = "old-child-exec-2" };

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with { SubOrchestrations = [child] });

        var row = (await hub.Store.GetInstanceAsync("old-child", includePayloads: true))!;
        Assert.Equal((OrchestrationRuntimeStatus.Pending, "old-child-exec-2", "\"new\"", 0), (row.RuntimeStatus, row.ExecutionId, row.SerializedInput, row.HistoryCount));
        Assert.Empty(await hub.Store.GetHistoryAsync("old-child"));
    }
}
