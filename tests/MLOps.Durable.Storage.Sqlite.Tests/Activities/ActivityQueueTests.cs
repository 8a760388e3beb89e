using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Activities;

public sealed class ActivityQueueTests
{
    [Fact]
    public async Task LockNextActivitiesAsync_QueuedRequests_LocksOldestFirstUpToMaxCount()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var requests = await ScheduleAsync(hub, "job", 5);

        var first = await hub.Store.LockNextActivitiesAsync(3, Scenario.LockDuration);
        var second = await hub.Store.LockNextActivitiesAsync(3, Scenario.LockDuration);
        var third = await hub.Store.LockNextActivitiesAsync(3, Scenario.LockDuration);

        Assert.Equal(requests, first.Concat(second).Select(w => w.Message));
        Assert.Equal(first.Concat(second).Select(w => w.Id).Order(), first.Concat(second).Select(w => w.Id));
        Assert.All(first.Concat(second), w => Assert.Equal((1, hub.Now + Scenario.LockDuration), (w.DequeueCount, w.LockedUntil)));
        Assert.Equal(5, first.Concat(second).Select(w => w.LockToken).Distinct().Count());
        Assert.Empty(third);
    }

    [Fact]
    public async Task LockNextActivitiesAsync_ZeroMaxCount_ThrowsArgumentOutOfRange()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => hub.Store.LockNextActivitiesAsync(0, Scenario.LockDuration));
    }

    [Fact]
    public async Task LockNextActivitiesAsync_LockExpired_DeliversAgainWithHigherDequeueCount()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var first = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();

        hub.Time.Advance(Scenario.LockDuration - TimeSpan.FromTicks(1));
        Assert.Empty(await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration));
        hub.Time.Advance(TimeSpan.FromTicks(1));
        var second = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();

        Assert.Equal((first.Id, first.Message, 2), (second.Id, second.Message, second.DequeueCount));
        Assert.NotEqual(first.LockToken, second.LockToken);
    }

    [Fact]
    public async Task CompleteActivitiesAsync_Completion_DeletesRequestAndQueuesResultInOneCommit()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 3);
        var locked = await hub.Store.LockNextActivitiesAsync(3, Scenario.LockDuration);
        var completions = locked.Select(w => Completion(w, hub.Now)).ToList();
        var commits = hub.Store.CommitCount;

        await hub.Store.CompleteActivitiesAsync(completions);

        Assert.Equal(commits + 1, hub.Store.CommitCount);
        hub.Time.Advance(Scenario.LockDuration);
        Assert.Empty(await hub.Store.LockNextActivitiesAsync(10, Scenario.LockDuration));
        Assert.Equal(completions.Select(c => c.Result), (await hub.Store.LockOnlyAsync("job")).Messages);
    }

    [Fact]
    public async Task CompleteActivitiesAsync_DuplicateCompletion_QueuesOneResult()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var stale = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();
        hub.Time.Advance(Scenario.LockDuration);
        var redelivered = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();

        await hub.Store.CompleteActivitiesAsync([Completion(redelivered, hub.Now), Completion(redelivered, hub.Now)]);
        await hub.Store.CompleteActivitiesAsync([Completion(stale, hub.Now)]);

        Assert.Single((await hub.Store.LockOnlyAsync("job")).Messages);
    }

    [Fact]
    public async Task CompleteActivitiesAsync_InstancePurged_DropsResult()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var item = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();
        await FinishAsync(hub, "job");
        Assert.True(await hub.Store.PurgeInstanceAsync("job"));

        await hub.Store.CompleteActivitiesAsync([Completion(item, hub.Now)]);

        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        Assert.Empty(await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration));
    }

    [Fact]
    public async Task RenewActivityLockAsync_OwnLock_ExtendsExpiry()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var item = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();
        hub.Time.Advance(TimeSpan.FromSeconds(50));

        Assert.True(await hub.Store.RenewActivityLockAsync(item, Scenario.LockDuration));
        hub.Time.Advance(TimeSpan.FromSeconds(50));

        Assert.Empty(await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration));
    }

    [Fact]
    public async Task RenewActivityLockAsync_LockTakenOverOrRequestGone_ReturnsFalse()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var stale = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();
        hub.Time.Advance(Scenario.LockDuration);
        var owner = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();

        Assert.False(await hub.Store.RenewActivityLockAsync(stale, Scenario.LockDuration));
        await hub.Store.CompleteActivitiesAsync([Completion(owner, hub.Now)]);
        Assert.False(await hub.Store.RenewActivityLockAsync(owner, Scenario.LockDuration));
    }

    [Fact]
    public async Task AbandonActivityAsync_Locked_DeliversAgainAndNotifies()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await ScheduleAsync(hub, "job", 1);
        var item = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();
        var version = hub.Store.ActivityWork.Version;

        await hub.Store.AbandonActivityAsync(item);
        var again = (await hub.Store.LockNextActivitiesAsync(1, Scenario.LockDuration)).Single();

        Assert.True(hub.Store.ActivityWork.Version > version);
        Assert.Equal((item.Id, 2), (again.Id, again.DequeueCount));
        Assert.False(await hub.Store.RenewActivityLockAsync(item, Scenario.LockDuration));
    }

    private static async Task<List<ActivityMessage>> ScheduleAsync(TemporaryStore hub, string instanceId, int count)
    {
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start(instanceId, hub.Now)));
        var item = await hub.Store.LockOnlyAsync(instanceId);
        var requests = Enumerable.Range(0, count)
            .Select(i => new ActivityMessage(instanceId, item.Instance.ExecutionId, i, "Step", $"{{\"i\":{i}}}"))
            .ToList();
        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with { Activities = requests });
        return requests;
    }

    private static async Task FinishAsync(TemporaryStore hub, string instanceId)
    {
        await hub.Store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, new ExecutionTerminated(hub.Now, null))]);
        var item = await hub.Store.LockOnlyAsync(instanceId);
        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item, OrchestrationRuntimeStatus.Terminated));
    }

    private static ActivityCompletion Completion(ActivityWorkItem item, DateTimeOffset now) => new(
        item,
        new OrchestrationMessage(item.Message.InstanceId, item.Message.ExecutionId, new TaskCompleted(now, item.Message.TaskId, "\"ok\"")));
}
