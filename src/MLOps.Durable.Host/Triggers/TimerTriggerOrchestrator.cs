using MLOps.Durable.Scheduling;

namespace MLOps.Durable.Host.Triggers;

/// <summary>
/// One eternal orchestration per timer trigger, under the fixed id <c>timer:{name}</c>: a durable timer to
/// the next occurrence, one run of the function, then ContinueAsNew with the next occurrence counted from
/// the time the run ended. A single instance per trigger means an occurrence runs once even with several
/// hosts on one store; after downtime the overdue timer fires once (IsPastDue) and the missed occurrences in
/// between are skipped.
/// </summary>
public sealed class TimerTriggerOrchestrator : TaskOrchestrator<TimerTriggerState, string>
{
    /// <summary>The orchestrator's registered name.</summary>
    public const string Name = "$TimerTrigger";

    /// <summary>The activity that runs the timer function.</summary>
    public const string RunActivity = "$RunTimerFunction";

    /// <summary>How late a run may start and still not count as past due.</summary>
    public static readonly TimeSpan PastDueThreshold = TimeSpan.FromSeconds(10);

    /// <summary>The instance id of a trigger's orchestration.</summary>
    public static string InstanceIdFor(string triggerName) => "timer:" + triggerName;

    public override async Task<string> RunAsync(TaskOrchestrationContext context, TimerTriggerState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var schedule = CronSchedule.Parse(input.Schedule);
        var zone = TimeZoneInfo.FindSystemTimeZoneById(input.TimeZoneId);
        var now = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var due = input.Next ?? schedule.GetNextOccurrence(now, zone);
        if (due is null)
        {
            return $"Schedule '{input.Schedule}' has no further occurrence.";
        }

        context.SetCustomStatus(new { last = input.Last, next = due });
        await context.CreateTimer(due.Value.UtcDateTime, CancellationToken.None);
        var firedAt = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        var following = schedule.GetNextOccurrence(firedAt, zone);
        var info = new TimerInfo(input.Name, due.Value, firedAt - due.Value > PastDueThreshold, input.Last, following);
        await context.CallActivityAsync(RunActivity, info);

        // Count the next occurrence from when the run ended: occurrences missed meanwhile are not run again.
        var after = new DateTimeOffset(context.CurrentUtcDateTime, TimeSpan.Zero);
        context.ContinueAsNew(input with { Last = due, Next = schedule.GetNextOccurrence(after, zone) });
        return "continued";
    }
}
