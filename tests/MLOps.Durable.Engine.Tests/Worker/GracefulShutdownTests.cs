using MLOps.Durable.History;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Engine.Tests.Worker;

/// <summary>
/// Stopping a worker in the middle of an activity: with time to finish, the result is committed once; when
/// the shutdown deadline passes, the activity is cancelled and released, and another worker runs it again.
/// Either way the history ends with exactly one result.
/// </summary>
public sealed class GracefulShutdownTests
{
    [Fact]
    public async Task StopAsync_ActivityFinishesWithinDeadline_ResultCommittedOnce()
    {
        var store = new InMemoryDurableStore(new FakeTimeProvider());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await StartAsync(store, async ctx =>
        {
            started.TrySetResult();
            await release.Task;
            return 1;
        });
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 0);
        await started.Task.WaitAsync(TestTimeout.Token());

        var stopping = first.Worker.StopAsync(TestTimeout.Token());
        Assert.False(stopping.IsCompleted);
        release.SetResult();
        await stopping;
        await first.DisposeAsync();

        await using var second = await StartAsync(store, _ => Task.FromResult(2));
        var done = await second.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());
        Assert.Equal(1, done.ReadOutputAs<int>());
        Assert.Single((await second.Client.GetHistoryAsync(id)).OfType<TaskCompleted>());
    }

    [Fact]
    public async Task StopAsync_DeadlinePassed_ActivityCancelledReleasedAndRunAgainElsewhere()
    {
        var store = new InMemoryDurableStore(new FakeTimeProvider());
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var first = await StartAsync(store, async ctx =>
        {
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ctx.CancellationToken);
            return 1;
        });
        var id = await first.Client.ScheduleNewOrchestrationInstanceAsync("Flow", 0);
        await started.Task.WaitAsync(TestTimeout.Token());

        await first.Worker.StopAsync(new CancellationToken(canceled: true));
        await first.Worker.ExecuteTask!.WaitAsync(TestTimeout.Token());
        await first.DisposeAsync();

        await using var second = await StartAsync(store, ctx => Task.FromResult(ctx.DeliveryCount * 10));
        var done = await second.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());
        Assert.Equal(20, done.ReadOutputAs<int>());
        var history = await second.Client.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskCompleted>());
        Assert.Empty(history.OfType<TaskFailed>());
    }

    private static Task<DurableTestHost> StartAsync(IDurableStore store, Func<TaskActivityContext, Task<int>> work) =>
        DurableTestHost.StartAsync(
            _ => store,
            (DurableTaskRegistry r) => r
                .AddActivityFunc<int, int>("Work", (ctx, _) => work(ctx))
                .AddOrchestratorFunc<int, int>("Flow", async (ctx, n) => await ctx.CallActivityAsync<int>("Work", n)),
            cancellationToken: TestTimeout.Token());
}
