using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Theory]
    [InlineData(true, 1)]
    [InlineData(false, 11)]
    public async Task ExtendedSessions_TenStepChain_ReplaysOnlyWhenDisabled(bool sessions, int expectedRuns)
    {
        var runs = 0;
        await using var host = await StartAsync(
            r => r
                .AddActivityFunc<int, int>("Inc", (_, n) => n + 1)
                .AddOrchestratorFunc<int, int>("Chain10", async (ctx, n) =>
                {
                    Interlocked.Increment(ref runs);
                    for (var i = 0; i < 10; i++)
                    {
                        n = await ctx.CallActivityAsync<int>("Inc", n);
                    }

                    return n;
                }),
            o => o.ExtendedSessionsEnabled = sessions);

        var done = await RunAsync(host, "Chain10", 0);

        Assert.Equal(10, done.ReadOutputAs<int>());
        Assert.Equal(expectedRuns, runs);
    }

    [Fact]
    public async Task Replay_NewGuidAndCurrentTime_AreTheSameOnEveryReplay()
    {
        await using var host = await StartAsync(
            r => r
                .AddActivityFunc<string, string>("Echo", (_, s) => s)
                .AddOrchestratorFunc<int, bool>("Stable", async (ctx, _) =>
                {
                    var snapshot = $"{ctx.NewGuid()}@{ctx.CurrentUtcDateTime:o}";
                    var echoed = await ctx.CallActivityAsync<string>("Echo", snapshot);
                    await ctx.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                    return echoed == snapshot && ctx.NewGuid() != ctx.NewGuid();
                }),
            o => o.ExtendedSessionsEnabled = false);
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Stable", 0);

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromMinutes(5), TestTimeout.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.True(done.ReadOutputAs<bool>());
    }

    [Theory]
    [InlineData("delay")]
    [InlineData("never")]
    public async Task Orchestrator_AwaitsNonDurableTask_FailsWithAClearMessage(string kind)
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Impatient", async (_, n) => kind switch
            {
                // Long enough that it is still pending when the episode ends, however slow the machine: with 5 ms a
                // loaded machine let it finish first and the orchestration completed (seen on Azurite under CPU load).
                "delay" => await Task.Delay(TimeSpan.FromSeconds(30)).ContinueWith(_ => n, TaskScheduler.Default),
                _ => await new TaskCompletionSource<int>().Task,
            }));

        var done = await RunAsync(host, "Impatient", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("not a durable task", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEvent_BetweenInstances_DeliversToTheTarget()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Receiver", async (ctx, _) => await ctx.WaitForExternalEvent<string>("ping"))
            .AddOrchestratorFunc<string, int>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "ping", "from sender");
                return Task.FromResult(0);
            }));
        var receiver = await host.Client.ScheduleNewOrchestrationInstanceAsync("Receiver", 0);
        await host.Client.WaitForInstanceStartAsync(receiver, false, TestTimeout.Token());

        await RunAsync(host, "Sender", receiver);
        var done = await host.Client.WaitForInstanceCompletionAsync(receiver, true, TestTimeout.Token());

        Assert.Equal("from sender", done.ReadOutputAs<string>());
        var sent = Assert.Single((await host.Client.GetHistoryAsync(receiver)).OfType<EventRaised>());
        Assert.Equal("ping", sent.Name);
    }

    [Fact]
    public async Task Restart_FinishedInstance_RunsAgainWithTheOriginalInput()
    {
        var calls = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Count", (_, n) => n + Interlocked.Increment(ref calls))
            .AddOrchestratorFunc<int, int>("Once", async (ctx, n) => await ctx.CallActivityAsync<int>("Count", n)));
        var first = await RunAsync(host, "Once", 100, "restartable");

        var sameId = await host.Client.RestartAsync("restartable");
        var second = await host.Client.WaitForInstanceCompletionAsync(sameId, true, TestTimeout.Token());
        var newId = await host.Client.RestartAsync("restartable", restartWithNewInstanceId: true);
        var third = await host.Client.WaitForInstanceCompletionAsync(newId, true, TestTimeout.Token());

        Assert.Equal("restartable", sameId);
        Assert.NotEqual("restartable", newId);
        Assert.Equal([101, 102, 103], new[] { first, second, third }.Select(m => m.ReadOutputAs<int>()));
    }
}
