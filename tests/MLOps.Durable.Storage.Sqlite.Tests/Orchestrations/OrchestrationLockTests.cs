using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Orchestrations;

public sealed class OrchestrationLockTests
{
    [Fact]
    public async Task LockNextOrchestrationAsync_NoWork_ReturnsNullWithoutCommitting()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var commits = hub.Store.CommitCount;

        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        Assert.Equal(commits, hub.Store.CommitCount);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_Locked_ReturnsRowTokenAndExpiry()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("a", hub.Now)));

        var item = await hub.Store.LockOnlyAsync("a");

        Assert.Equal(await hub.Store.GetInstanceAsync("a", includePayloads: true), item.Instance);
        Assert.False(string.IsNullOrEmpty(item.LockToken));
        Assert.Equal(hub.Now + Scenario.LockDuration, item.LockedUntil);
        Assert.True(item.Cursor > 0);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_InstanceAlreadyLocked_ReturnsNull()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("a", hub.Now)));
        await hub.Store.LockOnlyAsync("a");
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("a", null, new EventRaised(hub.Now, "more", null))]);

        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_LockExpired_LocksAgainWithNewToken()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("a", hub.Now)));
        var first = await hub.Store.LockOnlyAsync("a");

        hub.Time.Advance(Scenario.LockDuration - TimeSpan.FromTicks(1));
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        hub.Time.Advance(TimeSpan.FromTicks(1));
        var second = await hub.Store.LockOnlyAsync("a");

        Assert.NotEqual(first.LockToken, second.LockToken);
        Assert.Equal(first.Messages, second.Messages);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_TwoReadyInstances_TakesTheOlderMessageFirst()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("b", hub.Now);
        await hub.Store.StartRunningAsync("a", hub.Now);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("b", null, new EventRaised(hub.Now, "first", null))]);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("a", null, new EventRaised(hub.Now, "second", null))]);

        var first = await hub.Store.LockOnlyAsync("b");
        var second = await hub.Store.LockOnlyAsync("a");

        Assert.Equal("first", ((EventRaised)first.Messages.Single().Event).Name);
        Assert.Equal("second", ((EventRaised)second.Messages.Single().Event).Name);
    }

    [Fact]
    public async Task SendMessagesAsync_FutureVisibleAt_DeliveredOnlyFromThen()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("t", hub.Now);
        var due = hub.Now.AddMinutes(10);
        var timer = new OrchestrationMessage("t", "t-exec-1", new TimerFired(due, 4, due), due);

        await hub.Store.SendMessagesAsync([timer]);

        hub.Time.Advance(due.AddTicks(-1) - hub.Now);
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        hub.Time.Advance(due - hub.Now);
        Assert.Equal([timer], (await hub.Store.LockOnlyAsync("t")).Messages);
    }

    [Fact]
    public async Task SendMessagesAsync_UnknownInstance_DropsMessage()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        await hub.Store.SendMessagesAsync([new OrchestrationMessage("ghost", null, new EventRaised(hub.Now, "hello", null))]);
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("ghost", hub.Now)));

        Assert.IsType<ExecutionStarted>((await hub.Store.LockOnlyAsync("ghost")).Messages.Single().Event);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_MessagesArrivedDuringEpisode_StayQueuedForNextEpisode()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("m", hub.Now);
        var timer = new OrchestrationMessage("m", null, new TimerFired(hub.Now.AddHours(1), 1, hub.Now.AddHours(1)), hub.Now.AddHours(1));
        var early = new OrchestrationMessage("m", null, new EventRaised(hub.Now, "early", "1"));
        var late = new OrchestrationMessage("m", null, new EventRaised(hub.Now, "late", "2"));
        await hub.Store.SendMessagesAsync([timer, early]);

        var first = await hub.Store.LockOnlyAsync("m");
        await hub.Store.SendMessagesAsync([late]);
        await hub.Store.CompleteOrchestrationAsync(first, Scenario.Episode(first));
        var second = await hub.Store.LockOnlyAsync("m");
        await hub.Store.CompleteOrchestrationAsync(second, Scenario.Episode(second));
        var idle = await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration);
        hub.Time.Advance(TimeSpan.FromHours(1));
        var third = await hub.Store.LockOnlyAsync("m");

        Assert.Equal([early], first.Messages);
        Assert.Equal([late], second.Messages);
        Assert.Null(idle);
        Assert.Equal([timer], third.Messages);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_LockTakenOver_ThrowsLockLostAndWritesNothing()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("lost", hub.Now)));
        var stale = await hub.Store.LockOnlyAsync("lost");
        hub.Time.Advance(Scenario.LockDuration);
        var owner = await hub.Store.LockOnlyAsync("lost");
        var commits = hub.Store.CommitCount;
        var episode = Scenario.Episode(stale, OrchestrationRuntimeStatus.Completed, new OrchestratorStarted(hub.Now)) with
        {
            Activities = [new ActivityMessage("lost", stale.Instance.ExecutionId, 0, "Work", null)],
        };

        await Assert.ThrowsAsync<LockLostException>(() => hub.Store.CompleteOrchestrationAsync(stale, episode));

        Assert.Equal(commits, hub.Store.CommitCount);
        Assert.Equal(stale.Instance, await hub.Store.GetInstanceAsync("lost", includePayloads: true));
        Assert.Empty(await hub.Store.GetHistoryAsync("lost"));
        Assert.Empty(await hub.Store.LockNextActivitiesAsync(10, Scenario.LockDuration));
        await hub.Store.CompleteOrchestrationAsync(owner, Scenario.Episode(owner));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Store.GetInstanceAsync("lost", false))!.RuntimeStatus);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_LockExpiredButNotTaken_Commits()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("slow", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("slow");
        hub.Time.Advance(Scenario.LockDuration * 3);

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item));

        Assert.Equal(OrchestrationRuntimeStatus.Running, (await hub.Store.GetInstanceAsync("slow", false))!.RuntimeStatus);
    }

    [Fact]
    public async Task AbandonOrchestrationAsync_Locked_DeliversTheSameMessagesAgain()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("redo", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("redo");

        await hub.Store.AbandonOrchestrationAsync(item);
        var again = await hub.Store.LockOnlyAsync("redo");

        Assert.Equal(item.Messages, again.Messages);
        await Assert.ThrowsAsync<LockLostException>(() => hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item)));
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_SecondStoreOnSameFile_SeesLockUntilItExpires()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await using var other = hub.Open();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("shared", hub.Now)));
        var mine = await hub.Store.LockOnlyAsync("shared");

        Assert.Null(await other.LockNextOrchestrationAsync(Scenario.LockDuration));
        hub.Time.Advance(Scenario.LockDuration);
        var theirs = await other.LockOnlyAsync("shared");
        await other.CompleteOrchestrationAsync(theirs, Scenario.Episode(theirs, OrchestrationRuntimeStatus.Running, new OrchestratorStarted(hub.Now)));

        await Assert.ThrowsAsync<LockLostException>(() => hub.Store.CompleteOrchestrationAsync(mine, Scenario.Episode(mine)));
        Assert.Single(await hub.Store.GetHistoryAsync("shared"));
    }

    [Fact]
    public async Task LockNextOrchestrationsAsync_Batch_LocksDistinctInstancesOldestFirstInOneCommit()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        foreach (var id in new[] { "first", "second", "third", "fourth" })
        {
            await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start(id, hub.Now)));
        }

        var commits = hub.Store.CommitCount;
        var batch = await hub.Store.LockNextOrchestrationsAsync(3, Scenario.LockDuration);
        var rest = await hub.Store.LockNextOrchestrationsAsync(3, Scenario.LockDuration);

        Assert.Equal(["first", "second", "third"], batch.Select(i => i.Instance.InstanceId));
        Assert.Equal(commits + 2, hub.Store.CommitCount);
        Assert.Equal(["fourth"], rest.Select(i => i.Instance.InstanceId));
        Assert.Empty(await hub.Store.LockNextOrchestrationsAsync(3, Scenario.LockDuration));
    }
}
