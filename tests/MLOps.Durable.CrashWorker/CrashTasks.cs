using MLOps.Durable.Registration;

namespace MLOps.Durable.CrashWorker;

/// <summary>
/// The orchestrations the crash-recovery tests interrupt: a long chain of sequential activities, and two
/// activities with a durable timer between them.
/// </summary>
internal static class CrashTasks
{
    public const string LongChain = "LongChain";
    public const string TimerChain = "TimerChain";
    public const string Step = "Step";

    /// <summary>
    /// Registers the tasks. Steps with an index of <paramref name="holdFrom"/> or more never finish in this process:
    /// they wait until it is killed (or stopped), so a test's kill always lands before the orchestration completes,
    /// however late the test gets to it.
    /// </summary>
    public static DurableTaskRegistry Register(DurableTaskRegistry tasks, ActivityLog log, int holdFrom) => tasks
        .AddOrchestratorFunc<int, int>(LongChain, RunLongChainAsync)
        .AddOrchestratorFunc<int, int>(TimerChain, RunTimerChainAsync)
        .AddActivityFunc<int, int>(Step, (context, index) => RunStepAsync(context, index, log, holdFrom));

    /// <summary>Calls Step 0 .. steps-1 one after the other and returns the sum of their results.</summary>
    private static async Task<int> RunLongChainAsync(TaskOrchestrationContext context, int steps)
    {
        var sum = 0;
        for (var index = 0; index < steps; index++)
        {
            sum += await context.CallActivityAsync<int>(Step, index);
        }

        return sum;
    }

    /// <summary>Calls Step 0, waits on a durable timer of <paramref name="delayMilliseconds"/>, calls Step 1; returns the sum.</summary>
    private static async Task<int> RunTimerChainAsync(TaskOrchestrationContext context, int delayMilliseconds)
    {
        var first = await context.CallActivityAsync<int>(Step, 0);
        await context.CreateTimer(context.CurrentUtcDateTime.AddMilliseconds(delayMilliseconds), CancellationToken.None);
        return first + await context.CallActivityAsync<int>(Step, 1);
    }

    private static async Task<int> RunStepAsync(TaskActivityContext context, int index, ActivityLog log, int holdFrom)
    {
        if (index >= holdFrom)
        {
            await Task.Delay(Timeout.Infinite, context.CancellationToken).ConfigureAwait(false);
        }

        // A few milliseconds of real work, so that a kill can land while a step is running.
        Thread.Sleep(5);
        log.Append(context.InstanceId, index);
        return index;
    }
}
