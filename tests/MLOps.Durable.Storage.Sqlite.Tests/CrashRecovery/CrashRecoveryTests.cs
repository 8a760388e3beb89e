using System.Diagnostics;
using System.Globalization;
using MLOps.Durable.History;
using MLOps.Durable.Testing.Processes;
using Xunit.Abstractions;

namespace MLOps.Durable.Storage.Sqlite.Tests.CrashRecovery;

/// <summary>
/// Crash recovery across processes: a worker process (tests/MLOps.Durable.CrashWorker) is killed with SIGKILL in
/// the middle of an orchestration on a SQLite file, and a new process on the same file finishes it. Activities are
/// at-least-once, so the step that was running may run again; the history must hold every step exactly once.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int Steps = 150;
    private const int CompletedBeforeKill = 30;
    private const int TimerMilliseconds = 3_000;
    private const int SigKillExitCode = 128 + 9;

    [Fact]
    public async Task Worker_KilledWithSigkillMidRun_NewProcessFinishesWithEveryStepOnce()
    {
        var cancellationToken = TestTimeout.Token();
        var clock = Stopwatch.StartNew();
        await using var hub = new CrashHub();
        using var a = CrashWorkerProcess.Start("A", hub.DataSource, "start", "chain", Steps.ToString(CultureInfo.InvariantCulture));
        await a.WaitUntilReadyAsync(cancellationToken);
        await hub.WaitForHistoryAsync(
            "chain", $"{CompletedBeforeKill} TaskCompleted", h => h.OfType<TaskCompleted>().Count() >= CompletedBeforeKill, a, cancellationToken);

        var killExitCode = a.Kill();
        var killedAfter = clock.Elapsed;
        var atKill = await hub.Store.GetHistoryAsync("chain", cancellationToken);
        var completedAtKill = atKill.OfType<TaskCompleted>().Select(e => e.TaskScheduledId).ToHashSet();
        AssertKilledBySignal(killExitCode, a);
        var rowAtKill = await hub.Store.GetInstanceAsync("chain", includePayloads: false, cancellationToken);
        Assert.True(
            rowAtKill?.RuntimeStatus == OrchestrationRuntimeStatus.Running && completedAtKill.Count < Steps,
            $"Worker A was killed too late to test recovery: the instance is {rowAtKill?.RuntimeStatus} with {CrashHub.Summarize(atKill)}.\n{a.Describe()}");

        using var b = CrashWorkerProcess.Start("B", hub.DataSource, "resume", "chain");
        var resumeExitCode = await b.WaitForExitAsync(cancellationToken);
        var done = await hub.Store.GetInstanceAsync("chain", includePayloads: true, cancellationToken);
        var history = await hub.Store.GetHistoryAsync("chain", cancellationToken);
        var log = hub.ReadActivityLog().Where(l => l.InstanceId == "chain").ToList();
        var stepsByA = log.Where(l => l.Pid == a.Id).Select(l => l.Step).ToList();
        var stepsByB = log.Where(l => l.Pid == b.Id).Select(l => l.Step).ToList();
        var ranTwice = log.GroupBy(l => l.Step).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        output.WriteLine(
            $"A killed after {killedAfter.TotalSeconds:0.00} s with {completedAtKill.Count} of {Steps} steps in the history; " +
            $"B finished at {clock.Elapsed.TotalSeconds:0.00} s. Steps run by A: {stepsByA.Count}, by B: {stepsByB.Count}, " +
            $"run twice: [{string.Join(", ", ranTwice)}].");

        var problems = new List<string>();
        Expect(resumeExitCode == 0, $"worker B exited with {resumeExitCode}, expected 0", problems);
        Expect(done?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"the instance is {done?.RuntimeStatus}, expected Completed", problems);
        var sum = (Steps * (Steps - 1) / 2).ToString(CultureInfo.InvariantCulture);
        Expect(done?.SerializedOutput == sum, $"the output is '{done?.SerializedOutput}', expected '{sum}' (the sum of 0..{Steps - 1})", problems);
        ExpectCount<ExecutionStarted>(history, 1, problems);
        ExpectCount<ExecutionCompleted>(history, 1, problems);
        ExpectCount<TaskFailed>(history, 0, problems);
        ExpectEachOnce("TaskScheduled EventIds", history.OfType<TaskScheduled>().Select(e => e.EventId), Steps, problems);
        ExpectEachOnce("TaskCompleted TaskScheduledIds", history.OfType<TaskCompleted>().Select(e => e.TaskScheduledId), Steps, problems);
        var wrongResults = history.OfType<TaskCompleted>().Where(e => e.Result != e.TaskScheduledId.ToString(CultureInfo.InvariantCulture)).ToList();
        Expect(wrongResults.Count == 0, $"TaskCompleted results differ from their step: {string.Join(", ", wrongResults)}", problems);

        Expect(stepsByA.Count > 0 && stepsByB.Count > 0, "the activity log does not show steps from both processes", problems);
        Expect(log.Count == stepsByA.Count + stepsByB.Count, $"the activity log has pids other than A's ({a.Id}) and B's ({b.Id})", problems);
        var neverRan = Enumerable.Range(0, Steps).Except(log.Select(l => l.Step)).ToList();
        Expect(neverRan.Count == 0, $"steps never ran according to the activity log: [{string.Join(", ", neverRan)}]", problems);
        var recordedButNotByA = completedAtKill.Except(stepsByA).Order().ToList();
        Expect(recordedButNotByA.Count == 0, $"steps completed in the history at the kill but not run by A: [{string.Join(", ", recordedButNotByA)}]", problems);
        var rerunAfterRecorded = stepsByB.Where(completedAtKill.Contains).Order().ToList();
        Expect(rerunAfterRecorded.Count == 0, $"B ran steps the history already had as completed: [{string.Join(", ", rerunAfterRecorded)}]", problems);

        // One step at a time is in flight in a chain, so at most that one runs in both processes.
        Expect(ranTwice.Count <= 1, $"more than the one interrupted step ran twice: [{string.Join(", ", ranTwice)}]", problems);
        AssertNoProblems(problems, history, a, b);
    }

    [Fact]
    public async Task Worker_KilledWhileTimerPending_NewProcessFiresTheTimerOnce()
    {
        var cancellationToken = TestTimeout.Token();
        var clock = Stopwatch.StartNew();
        await using var hub = new CrashHub();
        using var a = CrashWorkerProcess.Start("A", hub.DataSource, "start-timer", "timer", TimerMilliseconds.ToString(CultureInfo.InvariantCulture));
        await a.WaitUntilReadyAsync(cancellationToken);
        await hub.WaitForHistoryAsync("timer", "a TimerCreated", h => h.OfType<TimerCreated>().Any(), a, cancellationToken);

        var killExitCode = a.Kill();
        var killedAt = DateTimeOffset.UtcNow;
        var atKill = await hub.Store.GetHistoryAsync("timer", cancellationToken);
        AssertKilledBySignal(killExitCode, a);
        var timer = atKill.OfType<TimerCreated>().Single();
        output.WriteLine(
            $"A killed after {clock.Elapsed.TotalSeconds:0.00} s, {(timer.FireAt - killedAt).TotalMilliseconds:0} ms before its timer was due.");
        Assert.True(
            !atKill.OfType<TimerFired>().Any(),
            $"Worker A fired the timer before it was killed (the test needs the kill to land while it is pending): {CrashHub.Summarize(atKill)}.\n{a.Describe()}");

        using var b = CrashWorkerProcess.Start("B", hub.DataSource, "resume", "timer");
        var resumeExitCode = await b.WaitForExitAsync(cancellationToken);
        var done = await hub.Store.GetInstanceAsync("timer", includePayloads: true, cancellationToken);
        var history = await hub.Store.GetHistoryAsync("timer", cancellationToken);
        var log = hub.ReadActivityLog().Where(l => l.InstanceId == "timer").ToList();
        output.WriteLine($"B finished at {clock.Elapsed.TotalSeconds:0.00} s; the instance completed {(done?.CompletedAt - timer.FireAt)?.TotalMilliseconds:0} ms after the timer was due.");

        var problems = new List<string>();
        Expect(resumeExitCode == 0, $"worker B exited with {resumeExitCode}, expected 0", problems);
        Expect(done?.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"the instance is {done?.RuntimeStatus}, expected Completed", problems);
        Expect(done?.SerializedOutput == "1", $"the output is '{done?.SerializedOutput}', expected '1'", problems);
        Expect(done?.CompletedAt >= timer.FireAt, $"the instance completed at {done?.CompletedAt:O}, before the timer was due at {timer.FireAt:O}", problems);
        ExpectCount<ExecutionStarted>(history, 1, problems);
        ExpectCount<TimerCreated>(history, 1, problems);
        var fired = history.OfType<TimerFired>().ToList();
        Expect(
            fired.Count == 1 && fired[0].TimerId == timer.EventId && fired[0].FireAt == timer.FireAt,
            $"expected one TimerFired for timer {timer.EventId} due at {timer.FireAt:O}, found: {string.Join(", ", fired)}",
            problems);

        // Action ids: Step 0 is 0, the timer 1, Step 1 is 2.
        var scheduled = history.OfType<TaskScheduled>().Select(e => e.EventId).ToList();
        var completed = history.OfType<TaskCompleted>().Select(e => e.TaskScheduledId).ToList();
        Expect(
            scheduled.SequenceEqual([0, 2]) && completed.SequenceEqual([0, 2]),
            $"expected steps 0 and 2 scheduled and completed once each, found TaskScheduled [{string.Join(", ", scheduled)}] " +
            $"and TaskCompleted [{string.Join(", ", completed)}]",
            problems);
        ExpectCount<ExecutionCompleted>(history, 1, problems);
        var expectedLog = new[] { (Step: 0, Pid: a.Id), (Step: 1, Pid: b.Id) };
        var actualLog = log.Select(l => (l.Step, l.Pid)).ToList();
        Expect(actualLog.SequenceEqual(expectedLog), $"the activity log is [{string.Join(", ", actualLog)}], expected step 0 by A and step 1 by B", problems);
        AssertNoProblems(problems, history, a, b);
    }

    private static void AssertKilledBySignal(int exitCode, CrashWorkerProcess worker) =>
        Assert.True(
            OperatingSystem.IsWindows() || exitCode == SigKillExitCode,
            $"Worker {worker.Name} exited with {exitCode} instead of being killed by SIGKILL (exit code {SigKillExitCode}).\n{worker.Describe()}");

    private static void Expect(bool condition, string problem, List<string> problems)
    {
        if (!condition)
        {
            problems.Add(problem);
        }
    }

    private static void ExpectCount<TEvent>(IReadOnlyList<HistoryEvent> history, int expected, List<string> problems)
        where TEvent : HistoryEvent
    {
        var count = history.OfType<TEvent>().Count();
        Expect(count == expected, $"{typeof(TEvent).Name} occurs {count} times, expected {expected}", problems);
    }

    /// <summary>Checks that <paramref name="ids"/> holds 0 .. count-1, each exactly once.</summary>
    private static void ExpectEachOnce(string what, IEnumerable<int> ids, int count, List<string> problems)
    {
        var seen = ids.ToList();
        var missing = Enumerable.Range(0, count).Except(seen).ToList();
        var repeated = seen.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => $"{g.Key} x{g.Count()}").ToList();
        var unexpected = seen.Where(id => id < 0 || id >= count).Distinct().ToList();
        Expect(
            missing.Count == 0 && repeated.Count == 0 && unexpected.Count == 0,
            $"{what} are not 0..{count - 1} each once: missing [{string.Join(", ", missing)}], repeated [{string.Join(", ", repeated)}], " +
            $"unexpected [{string.Join(", ", unexpected)}]",
            problems);
    }

    private void AssertNoProblems(List<string> problems, IReadOnlyList<HistoryEvent> history, CrashWorkerProcess a, CrashWorkerProcess b)
    {
        output.WriteLine(a.Describe());
        output.WriteLine(b.Describe());
        Assert.True(
            problems.Count == 0,
            $"Recovery after the kill went wrong:\n- {string.Join("\n- ", problems)}\nHistory: {CrashHub.Summarize(history)}.\n{a.Describe()}\n{b.Describe()}");
    }
}
