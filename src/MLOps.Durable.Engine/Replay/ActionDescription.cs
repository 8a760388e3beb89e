using MLOps.Durable.History;

namespace MLOps.Durable.Replay;

/// <summary>How scheduling actions are compared during replay and named in non-determinism messages.</summary>
internal static class ActionDescription
{
    public static string Of(HistoryEvent action) => action switch
    {
        TaskScheduled t => $"CallActivity('{t.Name}')",
        TimerCreated t => $"CreateTimer(fireAt: {t.FireAt.UtcDateTime:o})",
        SubOrchestrationInstanceCreated s => $"CallSubOrchestrator('{s.Name}')",
        EventSent e => $"SendEvent('{e.Name}' to '{e.InstanceId}')",
        _ => action.EventType,
    };

    /// <summary>Same kind and same name; inputs and timer due times may legitimately differ between replays.</summary>
    public static bool SameAction(HistoryEvent recorded, HistoryEvent made) => (recorded, made) switch
    {
        (TaskScheduled r, TaskScheduled m) => r.Name == m.Name,
        (TimerCreated, TimerCreated) => true,
        (SubOrchestrationInstanceCreated r, SubOrchestrationInstanceCreated m) => r.Name == m.Name,
        (EventSent r, EventSent m) => r.Name == m.Name,
        _ => false,
    };
}
