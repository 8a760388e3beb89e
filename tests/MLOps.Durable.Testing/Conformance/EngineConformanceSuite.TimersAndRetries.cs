using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Fact]
    public async Task Timer_OneHour_FiresOnlyWhenTheClockReachesIt()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, DateTime>("Sleeper", async (ctx, _) =>
            {
                await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return ctx.CurrentUtcDateTime;
            }));
        var startedAt = host.Time.GetUtcNow();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 0);

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromMinutes(59), TestTimeout.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        host.FakeTime.Advance(TimeSpan.FromMinutes(1));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<DateTime>() >= startedAt.UtcDateTime.AddHours(1));
        var history = await host.Client.GetHistoryAsync(id);
        Assert.Equal(startedAt.AddHours(1), Assert.Single(history.OfType<TimerFired>()).FireAt);
    }

    [Fact]
    public async Task Retry_FailsTwiceThenSucceeds_WaitsWithExponentialBackoff()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Flaky", (_, n) => Interlocked.Increment(ref attempts) < 3 ? throw new IOException("not yet") : n)
            .AddOrchestratorFunc<int, int>("Retrying", async (ctx, n) => await ctx.CallActivityAsync<int>(
                "Flaky", n, TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(10), backoffCoefficient: 2.0)))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Retrying", 7);

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromSeconds(10), TestTimeout.Token());
        await host.AdvanceAfterTimersAsync(id, 2, TimeSpan.FromSeconds(20), TestTimeout.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal(7, done.ReadOutputAs<int>());
        Assert.Equal(3, attempts);
        var history = await host.Client.GetHistoryAsync(id);
        var waits = history.OfType<TimerCreated>().Select(t => t.FireAt - t.Timestamp).ToList();
        Assert.Equal([TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(20)], waits);
        Assert.Equal(2, history.OfType<TaskFailed>().Count());
    }

    [Fact]
    public async Task Retry_AttemptsExhausted_FailsWithTheLastFailure()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("AlwaysFails", (_, n) => n >= 0 ? throw new IOException($"attempt failed for {n}") : n)
            .AddOrchestratorFunc<int, int>("GivesUp", async (ctx, n) => await ctx.CallActivityAsync<int>(
                "AlwaysFails", n, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromMinutes(1))))));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("GivesUp", 1);

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromMinutes(1), TestTimeout.Token());
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(IOException).FullName, done.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Equal(2, (await host.Client.GetHistoryAsync(id)).OfType<TaskFailed>().Count());
    }

    [Fact]
    public async Task Retry_HandlePredicateRefuses_DoesNotRetry()
    {
        var attempts = 0;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Invalid", (_, n) => Interlocked.Increment(ref attempts) > 0 ? throw new ArgumentException("bad") : n)
            .AddOrchestratorFunc<int, string>("Picky", async (ctx, n) =>
            {
                var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() };
                try
                {
                    return (await ctx.CallActivityAsync<int>("Invalid", n, TaskOptions.FromRetryPolicy(policy))).ToString(System.Globalization.CultureInfo.InvariantCulture);
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));

        var done = await RunAsync(host, "Picky", 1);

        Assert.Equal(typeof(ArgumentException).FullName, done.ReadOutputAs<string>());
        Assert.Equal(1, attempts);
    }
}
