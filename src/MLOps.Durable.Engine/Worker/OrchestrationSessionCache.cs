using MLOps.Durable.Replay;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>
/// Extended sessions: replayed executors kept between episodes so that the next episode only applies new
/// events. An entry is reused only when the stored instance is exactly where the executor left it (same
/// execution, same history length); anything else means another worker moved it on, and it is replayed.
/// Bounded by count, by total history length, and by idle time.
/// </summary>
internal sealed class OrchestrationSessionCache(DurableTaskWorkerOptions options, TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (OrchestrationExecutor Executor, long LastUsed)> _entries = new(StringComparer.Ordinal);
    private long _cachedHistory;

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _entries.Count;
            }
        }
    }

    public OrchestrationExecutor? TryTake(OrchestrationInstance row)
    {
        lock (_gate)
        {
            if (!_entries.Remove(row.InstanceId, out var entry))
            {
                return null;
            }

            _cachedHistory -= entry.Executor.HistoryCount;
            var executor = entry.Executor;
            var fresh = time.GetElapsedTime(entry.LastUsed) < options.ExtendedSessionIdleTimeout;
            return fresh && executor.ExecutionId == row.ExecutionId && executor.HistoryCount == row.HistoryCount ? executor : null;
        }
    }

    public void Put(OrchestrationExecutor executor)
    {
        if (!options.ExtendedSessionsEnabled || options.MaxCachedOrchestrations == 0)
        {
            return;
        }

        lock (_gate)
        {
            var now = time.GetTimestamp();
            if (_entries.Remove(executor.InstanceId, out var previous))
            {
                _cachedHistory -= previous.Executor.HistoryCount;
            }

            _entries[executor.InstanceId] = (executor, now);
            _cachedHistory += executor.HistoryCount;
            EvictWhileOverBudget(now);
        }
    }

    public void Remove(string instanceId)
    {
        lock (_gate)
        {
            if (_entries.Remove(instanceId, out var entry))
            {
                _cachedHistory -= entry.Executor.HistoryCount;
            }
        }
    }

    private void EvictWhileOverBudget(long now)
    {
        var idle = _entries.Where(e => time.GetElapsedTime(e.Value.LastUsed, now) >= options.ExtendedSessionIdleTimeout).Select(e => e.Key).ToList();
        idle.ForEach(Remove);
        while (_entries.Count > options.MaxCachedOrchestrations || (_cachedHistory > options.MaxCachedHistoryEvents && _entries.Count > 0))
        {
            var oldest = _entries.MinBy(e => e.Value.LastUsed).Key;
            Remove(oldest);
        }
    }
}
