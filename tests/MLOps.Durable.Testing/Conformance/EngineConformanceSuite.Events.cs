using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Fact]
    public async Task ExternalEvent_RaisedAfterTheWait_CompletesIt()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Approval", async (ctx, _) =>
            {
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<string>("approval");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval", 0);
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.ReadCustomStatusAs<string>() == "waiting", TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, "APPROVAL", "alice");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("alice", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheWait_IsBufferedAndDelivered()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Late", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return await ctx.WaitForExternalEvent<string>("approval");
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Late", 0);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, "approval", "early bird");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any(), TestTimeout.Token());
        host.FakeTime.Advance(TimeSpan.FromHours(1));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("early bird", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ExternalEvent_TwoWaitersSameName_EachEventCompletesExactlyOne()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int[]>("TwoWaiters", async (ctx, _) =>
            {
                var first = ctx.WaitForExternalEvent<int>("vote");
                var second = ctx.WaitForExternalEvent<int>("vote");
                ctx.SetCustomStatus("waiting");
                return await Task.WhenAll(first, second);
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("TwoWaiters", 0);
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))?.SerializedCustomStatus is not null, TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, "vote", 1);
        await host.Client.RaiseEventAsync(id, "vote", 2);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal([1, 2], done.ReadOutputAs<int[]>()!);
    }

    [Fact]
    public async Task WaitWithTimeout_EventArrivesInTime_ReturnsEvent()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, string>("Gate", GateAsync));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Gate", 0);
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, "approve", "bob");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());
        host.FakeTime.Advance(TimeSpan.FromHours(73));

        Assert.Equal("approved by bob", done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task WaitWithTimeout_NoEvent_SurfacesAsTimeout()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, string>("Gate", GateAsync));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Gate", 0);

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(72), TestTimeout.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("timed out after 3.00:00:00", done.ReadOutputAs<string>());
    }

    private static async Task<string> GateAsync(TaskOrchestrationContext ctx, int _)
    {
        try
        {
            var reviewer = await ctx.WaitForExternalEvent<string>("approve", TimeSpan.FromHours(72));
            return $"approved by {reviewer}";
        }
        catch (ExternalEventTimeoutException ex)
        {
            return $"timed out after {ex.Timeout}";
        }
    }
}
