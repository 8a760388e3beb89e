using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Orchestrations;

public sealed class ContinueAsNewTests
{
    [Fact]
    public async Task CompleteOrchestrationAsync_NewExecution_ReplacesHistoryAndQueuesItsStartFirst()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("eternal", hub.Now);
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("eternal", null, new EventRaised(hub.Now, "tick", null))]);
        var item = await hub.Store.LockOnlyAsync("eternal");
        var next = new ExecutionStarted(hub.Now, "Flow", "eternal", "eternal-exec-2", "\"round 2\"");
        var carried = new OrchestrationMessage("eternal", "eternal-exec-2", new EventRaised(hub.Now, "carried", "1"));

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with
        {
            ExecutionId = "eternal-exec-2",
            NewHistory = [],
            NewExecution = next,
            Messages = [carried],
        });

        var row = (await hub.Store.GetInstanceAsync("eternal", includePayloads: true))!;
        Assert.Equal(("eternal-exec-2", "\"round 2\"", 0), (row.ExecutionId, row.SerializedInput, row.HistoryCount));
        Assert.Empty(await hub.Store.GetHistoryAsync("eternal"));
        var nextItem = await hub.Store.LockOnlyAsync("eternal");
        Assert.Equal([new OrchestrationMessage("eternal", "eternal-exec-2", next), carried], nextItem.Messages);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_NewExecutionWithHistory_StartsTheNewHistoryAtZero()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("loop", hub.Now);
        var item = await SendAndLockAsync(hub, "loop");
        var next = new ExecutionStarted(hub.Now, "Flow", "loop", "loop-exec-2", null);
        HistoryEvent[] fresh = [new OrchestratorStarted(hub.Now)];

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item) with { NewHistory = fresh, NewExecution = next });
        var nextItem = await hub.Store.LockOnlyAsync("loop");
        await hub.Store.CompleteOrchestrationAsync(nextItem, Scenario.Episode(nextItem, OrchestrationRuntimeStatus.Running, next));

        Assert.Equal(1, nextItem.Instance.HistoryCount);
        Assert.Equal([fresh[0], next], await hub.Store.GetHistoryAsync("loop"));
    }

    private static async Task<OrchestrationWorkItem> SendAndLockAsync(TemporaryStore hub, string instanceId)
    {
        await hub.Store.SendMessagesAsync([new OrchestrationMessage(instanceId, null, new EventRaised(hub.Now, "go", null))]);
        return await hub.Store.LockOnlyAsync(instanceId);
    }
}
