using MLOps.Durable.Client;
using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Fact]
    public async Task Schedule_UnknownOrchestrator_RefusedByClientNamingTheRegisteredOnes()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Known", (_, n) => Task.FromResult(n)));

        var ex = await Assert.ThrowsAsync<TaskNotRegisteredException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Unknown", 1));

        Assert.Contains("'Unknown'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Known", ex.Message, StringComparison.Ordinal);
        Assert.Empty(await host.Client.GetAllInstancesAsync().ToListAsync());
    }

    [Fact]
    public async Task Schedule_UnknownOrchestratorFromAnotherClient_FailsTheInstanceWithATypedError()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Known", (_, n) => Task.FromResult(n)));
        var registryBlindClient = new DurableTaskClient(host.Store, timeProvider: host.Time);

        var id = await registryBlindClient.ScheduleNewOrchestrationInstanceAsync("Unknown", 1);
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, done.FailureDetails!.ErrorType);
    }

    [Fact]
    public async Task CallActivity_UnknownName_FailsTheCallNotTheWorker()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("CallsGhost", async (ctx, n) => await ctx.CallActivityAsync<int>("Ghost", n)));

        var done = await RunAsync(host, "CallsGhost", 1);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, done.FailureDetails!.InnerFailure!.ErrorType);
        Assert.Contains("'Ghost'", done.FailureDetails.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallActivity_InputOfWrongShape_FailsWithInputDeserializationError()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("NeedsNumber", (_, n) => n)
            .AddOrchestratorFunc<string, int>("SendsText", async (ctx, text) => await ctx.CallActivityAsync<int>("NeedsNumber", text)));

        var done = await RunAsync(host, "SendsText", "not a number");

        var inner = done.FailureDetails!.InnerFailure!;
        Assert.Equal(typeof(InputDeserializationException).FullName, inner.ErrorType);
        Assert.Contains("activity 'NeedsNumber'", inner.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("Int32", inner.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_InputOfWrongShape_FailsTheInstanceWithInputDeserializationError()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("NeedsNumber", (_, n) => Task.FromResult(n)));

        var done = await RunAsync(host, "NeedsNumber", new { text = "nope" });

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(typeof(InputDeserializationException).FullName, done.FailureDetails!.ErrorType);
        Assert.Contains("orchestrator 'NeedsNumber'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_DuplicateIdOfRunningInstance_RefusedAndOriginalUntouched()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string, string>("Waits", async (ctx, tag) => tag + ":" + await ctx.WaitForExternalEvent<string>("go")));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "original", new StartOrchestrationOptions("dup"));
        await host.Client.WaitForInstanceStartAsync("dup", false, TestTimeout.Token());

        var ex = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "impostor", new StartOrchestrationOptions("dup")));
        await host.Client.RaiseEventAsync("dup", "go", "done");
        var done = await host.Client.WaitForInstanceCompletionAsync("dup", true, TestTimeout.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Running, ex.Status);
        Assert.Equal("original:done", done.ReadOutputAs<string>());
        var again = await host.Client.ScheduleNewOrchestrationInstanceAsync("Waits", "second life", new StartOrchestrationOptions("dup"));
        Assert.Equal("dup", again);
    }

    [Fact]
    public async Task RaiseEvent_MissingOrFinishedInstance_TypedErrors()
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Quick", (_, n) => Task.FromResult(n)));
        var done = await RunAsync(host, "Quick", 1);

        var missing = await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.RaiseEventAsync("nobody", "go"));
        var finished = await Assert.ThrowsAsync<InstanceNotRunningException>(() => host.Client.RaiseEventAsync(done.InstanceId, "go"));

        Assert.Equal("nobody", missing.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, finished.Status);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(done.InstanceId))!.RuntimeStatus);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("what?")]
    [InlineData("")]
    public async Task Schedule_InvalidInstanceId_RefusedNamingTheRule(string instanceId)
    {
        await using var host = await StartAsync(r => r.AddOrchestratorFunc<int, int>("Quick", (_, n) => Task.FromResult(n)));

        var ex = await Assert.ThrowsAsync<ArgumentException>(
            () => host.Client.ScheduleNewOrchestrationInstanceAsync("Quick", 1, new StartOrchestrationOptions(instanceId)));

        Assert.Contains("Instance id", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Completion_DuplicateOrUnknown_IsDroppedAndHistoryStaysClean()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Once", (_, n) => n)
            .AddOrchestratorFunc<int, string>("Guarded", async (ctx, n) =>
            {
                var value = await ctx.CallActivityAsync<int>("Once", n);
                return $"{value}:{await ctx.WaitForExternalEvent<string>("done")}";
            }));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Guarded", 5);
        await host.WaitForHistoryAsync(id, h => h.OfType<TaskCompleted>().Any(), TestTimeout.Token());
        var executionId = (await host.Store.GetHistoryAsync(id)).OfType<ExecutionStarted>().Single().ExecutionId;
        var now = host.Time.GetUtcNow();

        await host.Store.SendMessagesAsync(
        [
            new OrchestrationMessage(id, executionId, new TaskCompleted(now, 0, "999")),
            new OrchestrationMessage(id, executionId, new TaskCompleted(now, 42, "1")),
            new OrchestrationMessage(id, "an-old-execution", new TaskCompleted(now, 0, "1")),
        ]);
        await host.Client.RaiseEventAsync(id, "done", "ok");
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        Assert.Equal("5:ok", done.ReadOutputAs<string>());
        Assert.Single((await host.Client.GetHistoryAsync(id)).OfType<TaskCompleted>());
    }
}
