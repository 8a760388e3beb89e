using Microsoft.Extensions.Logging.Abstractions;
using MLOps.Durable.History;
using MLOps.Durable.Replay;
using MLOps.Durable.Serialization;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Engine.Tests.Replay;

/// <summary>
/// Replays histories recorded as JSON files (Replay/Histories) through orchestrator code: the code that
/// wrote them replays cleanly and carries on; changed code is reported as non-deterministic, naming the
/// recorded action and the one the code made now.
/// </summary>
public sealed class RecordedHistoryReplayTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Replay_TrainPipelineWithTheCodeThatRecordedIt_ContinuesFromTheTimer()
    {
        var executor = Replay("train-pipeline-v1.json", TrainPipelineV1);

        var result = executor.RunEpisode(Now, [new TimerFired(Now, 2, Now)]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("\"accuracy 0.93\"", result.SerializedOutput);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void Replay_ActivityRenamed_FailsNamingExpectedAndActualAction()
    {
        var executor = Replay("train-pipeline-v1.json", async (ctx, dataset) =>
        {
            await ctx.CallActivityAsync<bool>("Validate", dataset);
            await ctx.CallActivityAsync<double>("TrainV2", dataset);
            return "never";
        });

        var result = executor.RunEpisode(Now, []);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, result.Failure!.ErrorType);
        Assert.Contains("action #1", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("history has CallActivity('Train')", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("now produced CallActivity('TrainV2')", result.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.IsType<ExecutionFailed>(result.NewHistory[^2]);
        Assert.Empty(result.NewActions);
    }

    [Fact]
    public void Replay_ActivityReplacedByTimer_FailsNamingBothKinds()
    {
        var executor = Replay("train-pipeline-v1.json", async (ctx, dataset) =>
        {
            await ctx.CallActivityAsync<bool>("Validate", dataset);
            await ctx.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            return "never";
        });

        var result = executor.RunEpisode(Now, []);

        Assert.Contains("history has CallActivity('Train') but the orchestrator code now produced CreateTimer(", result.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_CodeNowReturnsEarly_ReportsTheRecordedActionItNoLongerMakes()
    {
        var executor = Replay("train-pipeline-v1.json", async (ctx, dataset) =>
        {
            await ctx.CallActivityAsync<bool>("Validate", dataset);
            return "short cut";
        });

        var result = executor.RunEpisode(Now, []);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Contains("history has CallActivity('Train') but the orchestrator code now produced no action", result.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_BufferedEventAndTimeoutTimer_ReplaysAndDeploys()
    {
        var executor = Replay("approval-with-buffered-event.json", ApprovalV1);

        var result = executor.RunEpisode(Now, [new TaskCompleted(Now, 2, "null")]);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("\"deployed after approved\"", result.SerializedOutput);
    }

    [Fact]
    public void Replay_TimeoutRemovedFromTheWait_FailsAtTheTimer()
    {
        var executor = Replay("approval-with-buffered-event.json", async (ctx, model) =>
        {
            await ctx.CallActivityAsync("RequestApproval", model);
            var decision = await ctx.WaitForExternalEvent<string>("decision");
            await ctx.CallActivityAsync("Deploy", model);
            return decision;
        });

        var result = executor.RunEpisode(Now, []);

        Assert.Contains("history has CreateTimer(fireAt: 2026-03-05T09:00:03.0000000Z) but the orchestrator code now produced CallActivity('Deploy')",
            result.Failure!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_IsReplayingTrueForPastEventsOnly()
    {
        var seen = new List<bool>();
        var executor = Replay("train-pipeline-v1.json", async (ctx, dataset) =>
        {
            seen.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync<bool>("Validate", dataset);
            seen.Add(ctx.IsReplaying);
            await ctx.CallActivityAsync<double>("Train", dataset);
            seen.Add(ctx.IsReplaying);
            await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            seen.Add(ctx.IsReplaying);
            return "done";
        });

        executor.RunEpisode(Now, [new TimerFired(Now, 2, Now)]);

        Assert.Equal([true, true, true, false], seen);
    }

    private static async Task<string> TrainPipelineV1(TaskOrchestrationContext ctx, string dataset)
    {
        await ctx.CallActivityAsync<bool>("Validate", dataset);
        var accuracy = await ctx.CallActivityAsync<double>("Train", dataset);
        await ctx.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        return $"accuracy {accuracy.ToString(System.Globalization.CultureInfo.InvariantCulture)}";
    }

    private static async Task<string> ApprovalV1(TaskOrchestrationContext ctx, string model)
    {
        await ctx.CallActivityAsync("RequestApproval", model);
        var decision = await ctx.WaitForExternalEvent<string>("decision", TimeSpan.FromDays(3));
        await ctx.CallActivityAsync("Deploy", model);
        return $"deployed after {decision}";
    }

    private static OrchestrationExecutor Replay(string file, Func<TaskOrchestrationContext, string, Task<string>> code)
    {
        var history = HistorySerializer.DeserializeMany(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Replay", "Histories", file)));
        var orchestrator = new Registration.DurableTaskRegistry().AddOrchestratorFunc("Recorded", code).CreateOrchestrator("Recorded", EmptyServices.Instance);
        var executor = new OrchestrationExecutor(
            "run-recorded",
            _ => orchestrator,
            name => new TaskNotRegisteredException("orchestrator", name, []),
            JsonDataConverter.Default,
            NullLoggerFactory.Instance);
        executor.Replay(history);
        return executor;
    }

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
