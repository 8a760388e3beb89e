using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Instances;

public sealed class InstanceCreationTests
{
    [Fact]
    public async Task CreateInstanceAsync_NewId_StoresPendingRowAndQueuesStart()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var start = Scenario.Start("order-1", hub.Now, input: "{\"n\":1}");

        await hub.Store.CreateInstanceAsync(new InstanceCreation(start));

        var row = await hub.Store.GetInstanceAsync("order-1", includePayloads: true);
        Assert.NotNull(row);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, row.RuntimeStatus);
        Assert.Equal(("Flow", start.ExecutionId, "{\"n\":1}"), (row.Name, row.ExecutionId, row.SerializedInput));
        Assert.Equal((hub.Now, hub.Now), (row.CreatedAt, row.LastUpdatedAt));
        Assert.Null(row.CompletedAt);
        Assert.Equal(0, row.HistoryCount);
        var item = await hub.Store.LockOnlyAsync("order-1");
        Assert.Equal([new OrchestrationMessage("order-1", start.ExecutionId, start)], item.Messages);
    }

    [Fact]
    public async Task CreateInstanceAsync_SubOrchestrationStart_KeepsParentId()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var parent = new ParentInstance("Parent", "parent-1", "parent-exec", 3);

        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("child-1", hub.Now, parent: parent)));

        Assert.Equal("parent-1", (await hub.Store.GetInstanceAsync("child-1", includePayloads: false))!.ParentInstanceId);
    }

    [Theory]
    [InlineData(OrchestrationRuntimeStatus.Pending)]
    [InlineData(OrchestrationRuntimeStatus.Running)]
    public async Task CreateInstanceAsync_UnfinishedDuplicate_ThrowsAlreadyExists(OrchestrationRuntimeStatus existing)
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("dup", hub.Now)));
        if (existing == OrchestrationRuntimeStatus.Running)
        {
            var item = await hub.Store.LockOnlyAsync("dup");
            await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item));
        }

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("dup", hub.Now, input: "\"second\""))));

        Assert.Equal(("dup", existing), (refused.InstanceId, refused.Status));
        Assert.Equal("\"in\"", (await hub.Store.GetInstanceAsync("dup", includePayloads: true))!.SerializedInput);
    }

    [Fact]
    public async Task CreateInstanceAsync_TerminalDuplicate_ReplacesRowHistoryAndQueue()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("again", OrchestrationRuntimeStatus.Completed, hub.Now);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("again", null, new EventRaised(hub.Now, "late", null))]);
        hub.Time.Advance(TimeSpan.FromHours(1));
        var restart = Scenario.Start("again", hub.Now, input: "\"second\"") with { ExecutionId = "again-exec-2" };

        await hub.Store.CreateInstanceAsync(new InstanceCreation(restart));

        var row = (await hub.Store.GetInstanceAsync("again", includePayloads: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Pending, row.RuntimeStatus);
        Assert.Equal(("again-exec-2", "\"second\"", 0, hub.Now), (row.ExecutionId, row.SerializedInput, row.HistoryCount, row.CreatedAt));
        Assert.Null(row.SerializedOutput);
        Assert.Null(row.CompletedAt);
        Assert.Empty(await hub.Store.GetHistoryAsync("again"));
        var item = await hub.Store.LockOnlyAsync("again");
        Assert.Equal([restart], item.Messages.Select(m => m.Event));
    }

    [Fact]
    public async Task CreateInstanceAsync_TerminalDuplicateWithoutReplace_ThrowsAlreadyExists()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("kept", OrchestrationRuntimeStatus.Failed, hub.Now);

        var refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("kept", hub.Now)) { ReplaceTerminal = false }));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, refused.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await hub.Store.GetInstanceAsync("kept", false))!.RuntimeStatus);
    }

    [Fact]
    public async Task CreateInstanceAsync_ScheduledStart_StartInvisibleUntilThen()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var at = hub.Now.AddMinutes(30);
        var start = Scenario.Start("later", hub.Now, scheduledStart: at);

        await hub.Store.CreateInstanceAsync(new InstanceCreation(start));

        Assert.Equal(at, (await hub.Store.GetInstanceAsync("later", false))!.ScheduledStartTime);
        Assert.Null(await hub.Store.LockNextOrchestrationAsync(Scenario.LockDuration));
        hub.Time.Advance(at - hub.Now);
        var item = await hub.Store.LockOnlyAsync("later");
        Assert.Equal([new OrchestrationMessage("later", start.ExecutionId, start, at)], item.Messages);
    }

    [Fact]
    public async Task CreateInstanceAsync_Created_NotifiesOrchestrationWorkAndInstanceChanges()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        var (work, changes, activities) = (hub.Store.OrchestrationWork.Version, hub.Store.InstanceChanges.Version, hub.Store.ActivityWork.Version);

        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("signal", hub.Now)));

        Assert.True(hub.Store.OrchestrationWork.Version > work);
        Assert.True(hub.Store.InstanceChanges.Version > changes);
        Assert.Equal(activities, hub.Store.ActivityWork.Version);
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutPayloads_LeavesInputOutputAndCustomStatusOut()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("failed", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("failed");
        var failure = new FailureDetails("System.InvalidOperationException", "boom", "at X", new FailureDetails("Inner", "cause"));
        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            Status = new InstanceStatusUpdate(OrchestrationRuntimeStatus.Failed, "\"out\"", "\"custom\"", failure),
        });

        var slim = (await hub.Store.GetInstanceAsync("failed", includePayloads: false))!;
        var full = (await hub.Store.GetInstanceAsync("failed", includePayloads: true))!;

        Assert.Equal((null, null, null), (slim.SerializedInput, slim.SerializedOutput, slim.SerializedCustomStatus));
        Assert.Equal(("\"in\"", "\"out\"", "\"custom\""), (full.SerializedInput, full.SerializedOutput, full.SerializedCustomStatus));
        Assert.Equal(failure, slim.FailureDetails);
        Assert.Equal(full with { SerializedInput = null, SerializedOutput = null, SerializedCustomStatus = null }, slim);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        Assert.Null(await hub.Store.GetInstanceAsync("nobody", includePayloads: true));
    }
}
