using MLOps.Durable.Client;
using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    public sealed record Tally(int Total, int Round, bool Preserve);

    [Fact]
    public async Task ContinueAsNew_FiveRounds_KeepsOnlyTheLastExecutionsHistory()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
            .AddOrchestratorFunc<int, int>("Counter", async (ctx, n) =>
            {
                var next = await ctx.CallActivityAsync<int>("Inc", n);
                if (next < 5)
                {
                    ctx.ContinueAsNew(next);
                }

                return next;
            }));

        var done = await RunAsync(host, "Counter", 0);

        Assert.Equal(5, done.ReadOutputAs<int>());
        Assert.Equal(4, done.ReadInputAs<int>());
        var history = await host.Client.GetHistoryAsync(done.InstanceId);
        Assert.Equal("4", Assert.Single(history.OfType<ExecutionStarted>()).Input);
        Assert.Single(history.OfType<TaskScheduled>());
        Assert.Empty(history.OfType<ContinueAsNew>());
    }

    [Fact]
    public async Task ContinueAsNew_BufferedEvents_AreCarriedIntoTheNextExecution()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<Tally, string>("Accumulate", AccumulateAsync));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulate", new Tally(0, 0, Preserve: true));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());

        foreach (var amount in new[] { 1, 2, 3 })
        {
            await host.Client.RaiseEventAsync(id, "add", amount);
        }

        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Count() == 3, TestTimeout.Token());
        host.FakeTime.Advance(TimeSpan.FromHours(1));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("total 6 after 3 rounds", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_WithoutPreservingEvents_DropsThem()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<Tally, string>("Accumulate", AccumulateAsync));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Accumulate", new Tally(0, 0, Preserve: false));
        await host.WaitForHistoryAsync(id, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());
        await host.Client.RaiseEventAsync(id, "add", 1);
        await host.Client.RaiseEventAsync(id, "add", 2);
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Count() == 2, TestTimeout.Token());

        host.FakeTime.Advance(TimeSpan.FromHours(1));
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id, true))!.ReadInputAs<Tally>()!.Round == 1, TestTimeout.Token());
        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(1), TestTimeout.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("no more events after total 1", done.ReadOutputAs<string>());
    }

    private static async Task<string> AccumulateAsync(TaskOrchestrationContext ctx, Tally tally)
    {
        if (tally.Round == 0)
        {
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        }

        int amount;
        try
        {
            amount = await ctx.WaitForExternalEvent<int>("add", TimeSpan.FromHours(1));
        }
        catch (ExternalEventTimeoutException)
        {
            return $"no more events after total {tally.Total}";
        }

        var next = tally with { Total = tally.Total + amount, Round = tally.Round + 1 };
        if (next.Total >= 6)
        {
            return $"total {next.Total} after {next.Round} rounds";
        }

        ctx.ContinueAsNew(next, tally.Preserve);
        return "continued";
    }

    [Fact]
    public async Task Terminate_RunningInstance_EndsWithReasonAsOutput()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Forever", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever", 0);
        await host.Client.WaitForInstanceStartAsync(id, false, TestTimeout.Token());

        await host.Client.TerminateInstanceAsync(id, "operator stopped it");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("operator stopped it", done.ReadOutputAs<string>());
        Assert.IsType<ExecutionTerminated>((await host.Client.GetHistoryAsync(id))[^2]);
        var again = await Assert.ThrowsAsync<InstanceNotRunningException>(() => host.Client.TerminateInstanceAsync(id, "twice"));
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, again.Status);
    }

    [Fact]
    public async Task SuspendResume_EventWhileSuspended_IsHeldUntilResume()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Pausable", async (ctx, _) => await ctx.WaitForExternalEvent<string>("go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Pausable", 0);
        await host.Client.WaitForInstanceStartAsync(id, false, TestTimeout.Token());

        await host.Client.SuspendInstanceAsync(id, "maintenance");
        await host.WaitUntilAsync(async () => (await host.Client.GetInstanceAsync(id))!.RuntimeStatus == OrchestrationRuntimeStatus.Suspended, TestTimeout.Token());
        await host.Client.RaiseEventAsync(id, "go", "resumed run");
        await host.WaitForHistoryAsync(id, h => h.OfType<EventRaised>().Any(), TestTimeout.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("resumed run", done.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionSuspended>());
        Assert.Single(history.OfType<ExecutionResumed>());
    }

    [Fact]
    public async Task Purge_OneInstanceAndByFilter_RemovesOnlyFinishedOnes()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Quick", (_, n) => n < 0 ? throw new InvalidOperationException("negative") : Task.FromResult(n))
            .AddOrchestratorFunc<int, string>("Forever", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never")));
        var completed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            completed.Add((await RunAsync(host, "Quick", i)).InstanceId);
        }

        var failed = (await RunAsync(host, "Quick", -1)).InstanceId;
        var running = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever", 0);
        await host.Client.WaitForInstanceStartAsync(running, false, TestTimeout.Token());

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(completed[0])).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(completed[0]));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.GetHistoryAsync(completed[0]));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("no-such-instance")).PurgedInstanceCount);
        await Assert.ThrowsAsync<InstanceNotTerminalException>(() => host.Client.PurgeInstanceAsync(running));

        var purged = await host.Client.PurgeAllInstancesAsync(new PurgeFilter(Statuses: [OrchestrationRuntimeStatus.Completed]));

        Assert.Equal(2, purged.PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(failed));
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
        Assert.Equal(1, (await host.Client.PurgeAllInstancesAsync(new PurgeFilter())).PurgedInstanceCount);
        Assert.NotNull(await host.Client.GetInstanceAsync(running));
    }

    [Fact]
    public async Task Query_PrefixStatusAndCreatedRange_PagesThroughEveryMatchOnce()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Later", (_, n) => Task.FromResult(n)));
        var later = new StartOrchestrationOptions(StartAt: host.Time.GetUtcNow().AddYears(1));
        var firstCreated = host.Time.GetUtcNow();
        for (var i = 0; i < 25; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", i, later with { InstanceId = $"q-{i:D2}" });
            host.FakeTime.Advance(TimeSpan.FromMinutes(1));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Later", 0, later with { InstanceId = "other-1" });

        var query = new InstanceQuery { InstanceIdPrefix = "q-", PageSize = 10, Statuses = [OrchestrationRuntimeStatus.Pending] };
        var pages = new List<int>();
        var seen = new List<string>();
        string? token = null;
        do
        {
            var (instances, next) = await host.Client.GetInstancesPageAsync(query with { ContinuationToken = token });
            pages.Add(instances.Count);
            seen.AddRange(instances.Select(i => i.InstanceId));
            token = next;
        }
        while (token is not null);

        Assert.Equal([10, 10, 5], pages);
        Assert.Equal(Enumerable.Range(0, 25).Select(i => $"q-{i:D2}"), seen);
        var window = new InstanceQuery { CreatedFrom = firstCreated.AddMinutes(5), CreatedTo = firstCreated.AddMinutes(9) };
        Assert.Equal(5, await host.Client.GetAllInstancesAsync(window).CountAsync());
        Assert.Empty(await host.Client.GetAllInstancesAsync(query with { Statuses = [OrchestrationRuntimeStatus.Running] }).ToListAsync());
        Assert.Equal(26, await host.Client.GetAllInstancesAsync().CountAsync());
        await Assert.ThrowsAsync<ArgumentException>(() => host.Client.GetInstancesPageAsync(query with { ContinuationToken = "%%%" }));
    }
}
