using MLOps.Durable.History;

namespace MLOps.Durable.Samples;

/// <summary>One line per history event for the console.</summary>
internal static class HistoryDescription
{
    public static string Of(HistoryEvent e) => e switch
    {
        ExecutionStarted s => $"{s.Name} input={s.Input}",
        TaskScheduled t => $"#{t.EventId} {t.Name} input={t.Input}",
        TaskCompleted t => $"#{t.TaskScheduledId} result={t.Result}",
        TaskFailed t => $"#{t.TaskScheduledId} {t.Failure}",
        TimerCreated t => $"#{t.EventId} fireAt={t.FireAt:o}",
        TimerFired t => $"#{t.TimerId}",
        EventRaised r => $"{r.Name} input={r.Input}",
        ExecutionCompleted c => $"result={c.Result}",
        ExecutionFailed f => f.Failure.ToString(),
        _ => string.Empty,
    };
}
