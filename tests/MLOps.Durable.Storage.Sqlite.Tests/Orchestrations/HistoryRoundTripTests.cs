using System.Reflection;
using System.Text.Json.Serialization;
using MLOps.Durable.History;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Orchestrations;

public sealed class HistoryRoundTripTests
{
    private static readonly DateTimeOffset At = new(2025, 3, 1, 9, 30, 15, 123, TimeSpan.FromHours(2));

    private static readonly FailureDetails Failure =
        new("System.TimeoutException", "slow", "at Step()", new FailureDetails("System.IO.IOException", "disk", IsNonRetriable: true));

    /// <summary>One of every history event type, with every optional field set.</summary>
    private static readonly HistoryEvent[] EveryEvent =
    [
        new ExecutionStarted(At, "Flow", "h", "h-exec-1", "{\"a\":1}", new ParentInstance("Parent", "p", "p-exec", 7), At.AddHours(1)),
        new OrchestratorStarted(At),
        new TaskScheduled(0, At, "Train", "[1,2]"),
        new TaskCompleted(At, 0, "\"model\""),
        new TaskFailed(At, 0, Failure),
        new TimerCreated(1, At, At.AddDays(3)),
        new TimerFired(At, 1, At.AddDays(3)),
        new EventRaised(At, "Approval", "{\"ok\":true}"),
        new EventSent(2, At, "other", "Ping", null),
        new SubOrchestrationInstanceCreated(3, At, "Child", "h:child", "\"x\""),
        new SubOrchestrationInstanceCompleted(At, 3, "\"y\""),
        new SubOrchestrationInstanceFailed(At, 3, Failure),
        new ExecutionSuspended(At, "maintenance"),
        new ExecutionResumed(At, null),
        new ExecutionRewound(At, "fixed the driver"),
        new ContinueAsNew(At, "\"next\"", "h-exec-2"),
        new ExecutionCompleted(At, "\"done\""),
        new ExecutionFailed(At, Failure),
        new ExecutionTerminated(At, "stop"),
        new OrchestratorCompleted(At),
    ];

    [Fact]
    public void EveryEvent_CoversEveryHistoryEventType()
    {
        var declared = typeof(HistoryEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType);

        Assert.Equal(declared.OrderBy(t => t.Name), EveryEvent.Select(e => e.GetType()).OrderBy(t => t.Name));
    }

    [Fact]
    public async Task GetHistoryAsync_AfterCommit_ReturnsEveryEventTypeEqual()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("h", hub.Now)));
        var item = await hub.Store.LockOnlyAsync("h");

        await hub.Store.CompleteOrchestrationAsync(item, Scenario.Episode(item, OrchestrationRuntimeStatus.Running, EveryEvent));

        Assert.Equal(EveryEvent, await hub.Store.GetHistoryAsync("h"));
        Assert.Equal(EveryEvent.Length, (await hub.Store.GetInstanceAsync("h", false))!.HistoryCount);
    }

    [Fact]
    public async Task LockNextOrchestrationAsync_EveryEventTypeAsMessage_ComesBackEqual()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.StartRunningAsync("h", hub.Now);
        var messages = EveryEvent
            .Select((e, i) => new OrchestrationMessage("h", i % 2 == 0 ? null : "h-exec-1", e, i % 3 == 0 ? hub.Now.AddSeconds(-i) : null))
            .ToList();

        await hub.Store.SendMessagesAsync(messages);

        Assert.Equal(messages, (await hub.Store.LockOnlyAsync("h")).Messages);
    }

    [Fact]
    public async Task CompleteOrchestrationAsync_SecondEpisode_AppendsAfterFirst()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("h", hub.Now)));
        var first = await hub.Store.LockOnlyAsync("h");
        await hub.Store.CompleteOrchestrationAsync(first, Scenario.Episode(first, OrchestrationRuntimeStatus.Running, EveryEvent[..3]));
        await hub.Store.SendMessagesAsync([new OrchestrationMessage("h", null, EveryEvent[3])]);
        var second = await hub.Store.LockOnlyAsync("h");

        await hub.Store.CompleteOrchestrationAsync(second, Scenario.Episode(second, OrchestrationRuntimeStatus.Running, EveryEvent[3..5]));

        Assert.Equal(3, second.Instance.HistoryCount);
        Assert.Equal(EveryEvent[..5], await hub.Store.GetHistoryAsync("h"));
    }

    [Fact]
    public async Task GetHistoryAsync_UnknownInstance_ReturnsEmpty()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        Assert.Empty(await hub.Store.GetHistoryAsync("nobody"));
    }
}
