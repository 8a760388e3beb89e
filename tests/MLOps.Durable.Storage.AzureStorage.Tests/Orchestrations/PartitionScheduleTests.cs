using MLOps.Durable.Client;
using MLOps.Durable.History;
using MLOps.Durable.Registration;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing;
using MLOps.Durable.Worker;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Orchestrations;

/// <summary>
/// What one partition's owner must get right beyond the shared suite: timers of several instances on one partition,
/// events that arrive before a scheduled start, and ids that cannot be table keys. One partition, so every instance
/// shares a queue and a timer partition.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PartitionScheduleTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Timers_TwoInstancesOnOnePartition_EachFiresWhenTheClockPassesIt()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Sleeper", async (ctx, hours) =>
        {
            await ctx.CreateTimer(TimeSpan.FromHours(hours), CancellationToken.None);
            return hours;
        }));
        var first = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 1);
        var second = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleeper", 2);
        await host.WaitForHistoryAsync(first, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());
        await host.WaitForHistoryAsync(second, h => h.OfType<TimerCreated>().Any(), TestTimeout.Token());

        host.FakeTime.Advance(TimeSpan.FromHours(1));
        await WaitForStatusAsync(host, first, OrchestrationRuntimeStatus.Completed);
        var secondAfterOneHour = (await host.Store.GetInstanceAsync(second, false))!.RuntimeStatus;
        host.FakeTime.Advance(TimeSpan.FromHours(1));
        await WaitForStatusAsync(host, second, OrchestrationRuntimeStatus.Completed);

        Assert.Equal(OrchestrationRuntimeStatus.Running, secondAfterOneHour);
    }

    [Fact]
    public async Task EventBeforeScheduledStart_DoesNotHoldUpOtherInstances()
    {
        await using var host = await StartAsync(
            r => r
                .AddOrchestratorFunc<int, int>("Quick", (_, n) => Task.FromResult(n))
                .AddOrchestratorFunc<int, int>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<int>("go")),
            o => o.MaxConcurrentOrchestrations = 1);
        var later = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions("later", host.Time.GetUtcNow().AddHours(1)));
        await host.Client.RaiseEventAsync(later, "go", 7);

        var quick = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 1);
        await WaitForStatusAsync(host, quick, OrchestrationRuntimeStatus.Completed);
        host.FakeTime.Advance(TimeSpan.FromHours(1));
        var done = await host.Client.WaitForInstanceCompletionAsync(later, true, TestTimeout.Token());

        Assert.Equal(7, done.ReadOutputAs<int>());
    }

    [Fact]
    public async Task Terminate_ScheduledInstance_TerminatesBeforeItsStartTime()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Waits", async (ctx, _) => await ctx.WaitForExternalEvent<int>("go")));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", 0, new StartOrchestrationOptions("tomorrow", host.Time.GetUtcNow().AddDays(1)));

        await host.Client.TerminateInstanceAsync(id, "cancelled");

        await WaitForStatusAsync(host, id, OrchestrationRuntimeStatus.Terminated);
    }

    [Fact]
    public async Task SubOrchestration_IdTooLongForATableKey_FailsTheCallNamingTheLimit()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Quick", (_, n) => Task.FromResult(n))
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, n) =>
            {
                try
                {
                    return $"{await ctx.CallSubOrchestratorAsync<int>("Quick", n, new SubOrchestrationOptions(new string('x', 600)))}";
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorMessage;
                }
            }));

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 1);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());
        var quick = await host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 2);

        Assert.Contains($"at most {TableKeys.MaxKeyLength}", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.WaitForInstanceCompletionAsync(quick, false, TestTimeout.Token())).RuntimeStatus);
    }

    [Fact]
    public async Task CreateInstance_IdTooLongForATableKey_IsRefusedBeforeAnythingIsWritten()
    {
        await using var store = new AzureStorageDurableStore(azurite.Options());

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.CreateInstanceAsync(
            new InstanceCreation(new ExecutionStarted(DateTimeOffset.UtcNow, "Quick", new string('y', 401), "e1", null)), TestTimeout.Token()));

        Assert.Contains("401 characters", error.Message, StringComparison.Ordinal);
        Assert.Null(await store.GetInstanceAsync(new string('y', 401), false, TestTimeout.Token()));
    }

    private Task<DurableTestHost> StartAsync(Action<DurableTaskRegistry> register, Action<DurableTaskWorkerOptions>? configure = null) =>
        DurableTestHost.StartAsync(
            time =>
            {
                var options = azurite.Options(time);
                options.PartitionCount = 1;
                return new AzureStorageDurableStore(options);
            },
            register,
            new FakeTimeProvider(),
            configure,
            TestTimeout.Token());

    private static Task WaitForStatusAsync(DurableTestHost host, string id, OrchestrationRuntimeStatus status) =>
        host.WaitUntilAsync(async () => (await host.Store.GetInstanceAsync(id, false))!.RuntimeStatus == status, TestTimeout.Token());
}
