using MLOps.Durable.History;

namespace MLOps.Durable.Replay;

/// <summary>
/// The history replay sees after rewinds: for every <see cref="ExecutionRewound"/>, the failures recorded
/// before it are left out - failed activities together with their <see cref="TaskScheduled"/> (so the code
/// schedules them again under the same sequence id), failed sub-orchestration results (the rewound child
/// reports again), and the event that ended the execution as Failed.
/// </summary>
internal static class RewoundHistory
{
    /// <summary>The events to replay; <paramref name="rewindPending"/> rewinds everything stored (a rewind message is being applied).</summary>
    public static IReadOnlyList<HistoryEvent> ForReplay(IReadOnlyList<HistoryEvent> history, bool rewindPending)
    {
        var lastRewind = -1;
        for (var i = history.Count - 1; i >= 0 && lastRewind < 0; i--)
        {
            if (history[i] is ExecutionRewound)
            {
                lastRewind = i;
            }
        }

        var rewindUpTo = rewindPending ? history.Count : lastRewind;
        if (rewindUpTo < 0)
        {
            return history;
        }

        // Every marker rewinds all failures before it, so everything that failed before the last marker (or
        // before the pending one) is out.
        var skip = new bool[history.Count];
        var scheduledAt = new Dictionary<int, int>();
        for (var i = 0; i < history.Count; i++)
        {
            switch (history[i])
            {
                case TaskScheduled scheduled:
                    scheduledAt[scheduled.EventId] = i;
                    break;
                case TaskFailed failed when IsRewound(i):
                    skip[i] = true;
                    if (scheduledAt.TryGetValue(failed.TaskScheduledId, out var at))
                    {
                        skip[at] = true;
                    }

                    break;
                case SubOrchestrationInstanceFailed or ExecutionFailed when IsRewound(i):
                    skip[i] = true;
                    break;
            }
        }

        return [.. history.Where((_, i) => !skip[i])];

        bool IsRewound(int index) => index < rewindUpTo;
    }
}
