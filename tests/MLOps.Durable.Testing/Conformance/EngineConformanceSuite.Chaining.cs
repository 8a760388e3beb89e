using MLOps.Durable.History;
using MLOps.Durable.Storage;
using Xunit;

namespace MLOps.Durable.Testing.Conformance;

public abstract partial class EngineConformanceSuite
{
    [Fact]
    public async Task Chaining_ThreeActivities_PassesEachResultToTheNext()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello {name}")
            .AddActivityFunc<string, string>("Shout", (_, text) => text.ToUpperInvariant())
            .AddActivityFunc<string, string>("Exclaim", (_, text) => text + "!")
            .AddOrchestratorFunc<string, string>("Chain", async (ctx, name) =>
            {
                var greeting = await ctx.CallActivityAsync<string>("Greet", name);
                var loud = await ctx.CallActivityAsync<string>("Shout", greeting);
                return await ctx.CallActivityAsync<string>("Exclaim", loud);
            }));

        var result = await RunAsync(host, "Chain", "durable");

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("HELLO DURABLE!", result.ReadOutputAs<string>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(["Greet", "Shout", "Exclaim"], history.OfType<TaskScheduled>().Select(t => t.Name));
        Assert.Equal([0, 1, 2], history.OfType<TaskCompleted>().Select(t => t.TaskScheduledId));
        Assert.IsType<ExecutionStarted>(history.Skip(1).First());
        Assert.IsType<ExecutionCompleted>(history[^2]);
        Assert.IsType<OrchestratorCompleted>(history[^1]);
    }

    [Fact]
    public async Task FanOutFanIn_ThousandActivities_AllResultsAggregated()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Square", (_, n) => n * n)
            .AddOrchestratorFunc<int, long>("FanOut", async (ctx, count) =>
            {
                var tasks = Enumerable.Range(1, count).Select(i => ctx.CallActivityAsync<int>("Square", i)).ToList();
                var squares = await Task.WhenAll(tasks);
                return squares.Sum(s => (long)s);
            }));

        var result = await RunAsync(host, "FanOut", 1_000);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 1_000).Sum(i => (long)i * i), result.ReadOutputAs<long>());
        var history = await host.Client.GetHistoryAsync(result.InstanceId);
        Assert.Equal(1_000, history.OfType<TaskScheduled>().Count());
        Assert.Equal(1_000, history.OfType<TaskCompleted>().Select(t => t.TaskScheduledId).Distinct().Count());
    }

    [Fact]
    public async Task SubOrchestration_ChildOutput_ReturnedToParentAndChildLinked()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Double", (_, n) => n * 2)
            .AddOrchestratorFunc<int, int>("Child", async (ctx, n) => await ctx.CallActivityAsync<int>("Double", n))
            .AddOrchestratorFunc<int, int>("Parent", async (ctx, n) =>
            {
                var first = await ctx.CallSubOrchestratorAsync<int>("Child", n, new SubOrchestrationOptions("child-fixed-id"));
                var second = await ctx.CallSubOrchestratorAsync<int>("Child", first);
                return second;
            }));

        var result = await RunAsync(host, "Parent", 5, "parent-1");

        Assert.Equal(20, result.ReadOutputAs<int>());
        var child = await host.Client.GetInstanceAsync("child-fixed-id", getInputsAndOutputs: true);
        Assert.NotNull(child);
        Assert.Equal("parent-1", child.ParentInstanceId);
        Assert.Equal(10, child.ReadOutputAs<int>());
        var history = await host.Client.GetHistoryAsync("parent-1");
        Assert.Equal(2, history.OfType<SubOrchestrationInstanceCreated>().Count());
        Assert.Equal(2, history.OfType<SubOrchestrationInstanceCompleted>().Count());
    }

    [Fact]
    public async Task SubOrchestration_ChildFails_ParentSeesTaskFailedWithDetails()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, int>("Broken", (_, _) => throw new InvalidOperationException("child is broken"))
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    await ctx.CallSubOrchestratorAsync<int>("Broken", 1);
                    return "no failure";
                }
                catch (TaskFailedException ex)
                {
                    return $"{ex.TaskName}: {ex.FailureDetails.ErrorType}: {ex.FailureDetails.ErrorMessage}";
                }
            }));

        var result = await RunAsync(host, "Parent", 1);

        Assert.Equal("Broken: System.InvalidOperationException: child is broken", result.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SubOrchestration_IdOfARunningInstance_FailsTheCallWithAlreadyExists()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<int, string>("Busy", async (ctx, _) => await ctx.WaitForExternalEvent<string>("never"))
            .AddOrchestratorFunc<int, string>("Parent", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallSubOrchestratorAsync<string>("Busy", 0, new SubOrchestrationOptions("busy-child"));
                }
                catch (TaskFailedException ex)
                {
                    return ex.FailureDetails.ErrorType;
                }
            }));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Busy", 0, new Client.StartOrchestrationOptions("busy-child"));
        await host.Client.WaitForInstanceStartAsync("busy-child", false, TestTimeout.Token());

        var done = await RunAsync(host, "Parent", 0);

        Assert.Equal(typeof(OrchestrationAlreadyExistsException).FullName, done.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("busy-child"))!.RuntimeStatus);
        Assert.Null((await host.Client.GetInstanceAsync("busy-child"))!.ParentInstanceId);
    }

    [Fact]
    public async Task UnhandledException_FailsInstance_WithDetailsVisibleToClient()
    {
        await using var host = await StartAsync(r => r
            .AddActivityFunc<int, int>("Explode", (_, n) => n > 10 ? throw new ArgumentOutOfRangeException(nameof(n), "n must be small") : n)
            .AddOrchestratorFunc<int, int>("Fragile", async (ctx, n) => await ctx.CallActivityAsync<int>("Explode", n)));

        var result = await RunAsync(host, "Fragile", 99);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        var failure = Assert.IsType<FailureDetails>(result.FailureDetails);
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains("Explode", failure.ErrorMessage, StringComparison.Ordinal);
        var inner = Assert.IsType<FailureDetails>(failure.InnerFailure);
        Assert.Equal(typeof(ArgumentOutOfRangeException).FullName, inner.ErrorType);
        Assert.Contains("n must be small", inner.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(inner.StackTrace);
        Assert.True(failure.IsCausedBy<ArgumentOutOfRangeException>());
    }
}
