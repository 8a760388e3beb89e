using MLOps.Durable.Client;
using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Fact]
    public async Task Rewind_FailedActivity_RunsOnlyTheFailedWorkAgainAndCompletes()
    {
        var prepared = 0;
        var trainAttempts = 0;
        var broken = true;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Prepare", (_, n) => n + Interlocked.Increment(ref prepared) * 0)
            .AddActivityFunc<int, int>("Train", (_, n) =>
            {
                Interlocked.Increment(ref trainAttempts);
                return Volatile.Read(ref broken) ? throw new InvalidOperationException("GPU fell off the bus") : n * 10;
            })
            .AddOrchestratorFunc<int, int>("Pipeline", async (ctx, n) =>
            {
                var rows = await ctx.CallActivityAsync<int>("Prepare", n);
                var parts = await Task.WhenAll(ctx.CallActivityAsync<int>("Prepare", rows + 1), ctx.CallActivityAsync<int>("Train", rows));
                return parts.Sum();
            }));

        var failed = await RunAsync(host, "Pipeline", 4);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);

        Volatile.Write(ref broken, false);
        await host.Client.RewindInstanceAsync(failed.InstanceId, "driver fixed", TestTimeout.Token());
        var done = await WaitForCompletedAsync(host, failed.InstanceId);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(45, done.ReadOutputAs<int>());
        Assert.Null(done.FailureDetails);
        Assert.Equal(2, prepared);
        Assert.Equal(2, trainAttempts);
        var history = await host.Client.GetHistoryAsync(done.InstanceId);
        Assert.Equal("driver fixed", Assert.Single(history.OfType<ExecutionRewound>()).Reason);
        Assert.Single(history.OfType<TaskFailed>());
        Assert.Single(history.OfType<ExecutionFailed>());
        Assert.Single(history.OfType<ExecutionCompleted>());
    }

    [Fact]
    public async Task Rewind_FailedSubOrchestration_RewindsTheChildAndTheParentCompletes()
    {
        var broken = true;
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Fragile", (_, n) => Volatile.Read(ref broken) ? throw new IOException("disk full") : n + 1)
            .AddOrchestratorFunc<int, int>("Child", async (ctx, n) => await ctx.CallActivityAsync<int>("Fragile", n))
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
                await ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions("rewound-child")) * 2));

        var failed = await RunAsync(host, "Parent", 20);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Client.GetInstanceAsync("rewound-child"))!.RuntimeStatus);

        Volatile.Write(ref broken, false);
        await host.Client.RewindInstanceAsync(failed.InstanceId, cancellationToken: TestTimeout.Token());
        var done = await WaitForCompletedAsync(host, failed.InstanceId);

        Assert.Equal(42, done.ReadOutputAs<int>());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("rewound-child"))!.RuntimeStatus);
    }

    [Fact]
    public async Task Rewind_CompletedOrMissingInstance_IsRefused()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Echo", (_, n) => Task.FromResult(n)));
        var done = await RunAsync(host, "Echo", 1);

        var notFailed = await Assert.ThrowsAsync<InstanceNotFailedException>(() => host.Client.RewindInstanceAsync(done.InstanceId));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.RewindInstanceAsync("no-such-instance"));

        Assert.Equal(OrchestrationRuntimeStatus.Completed, notFailed.Status);
        Assert.Contains("only Failed instances can be rewound", notFailed.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewind only queues a message (as in Durable Functions): the instance is still Failed right after it.</summary>
    private static async Task<OrchestrationMetadata> WaitForCompletedAsync(DurableTestHost host, string instanceId)
    {
        await host.WaitUntilAsync(
            async () => (await host.Client.GetInstanceAsync(instanceId))!.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            TestTimeout.Token());
        return (await host.Client.GetInstanceAsync(instanceId, true))!;
    }
}
