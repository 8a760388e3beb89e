using MLOps.Durable.History;

namespace MLOps.Durable.Storage.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc />
    public Task CreateInstanceAsync(InstanceCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        lock (_gate)
        {
            var start = creation.Start;
            if (_instances.TryGetValue(start.InstanceId, out var existing)
                && (!creation.ReplaceTerminal || !existing.Row.RuntimeStatus.IsTerminal()))
            {
                throw new OrchestrationAlreadyExistsException(start.InstanceId, existing.Row.RuntimeStatus);
            }

            CreateOrReplace(start);
        }

        OrchestrationWork.Notify();
        InstanceChanges.Notify();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        lock (_gate)
        {
            foreach (var message in messages)
            {
                Enqueue(message);
            }
        }

        OrchestrationWork.Notify();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            // Serve the instance whose oldest visible message is oldest, as the durable stores do.
            var now = Now;
            InstanceEntry? next = null;
            long nextFirst = long.MaxValue;
            foreach (var instanceId in _instancesWithMessages)
            {
                var candidate = _instances[instanceId];
                if (candidate.LockToken is not null && candidate.LockedUntil > now)
                {
                    continue;
                }

                var first = candidate.Messages.FirstOrDefault(m => IsVisible(m.Message, now)).Sequence;
                if (first != 0 && first < nextFirst)
                {
                    (next, nextFirst) = (candidate, first);
                }
            }

            if (next is not null)
            {
                var visible = next.Messages.Where(m => IsVisible(m.Message, now)).ToList();
                next.LockToken = Guid.NewGuid().ToString("N");
                next.LockedAt = now;
                next.LockedUntil = now + lockDuration;
                return Task.FromResult<OrchestrationWorkItem?>(
                    new OrchestrationWorkItem(next.Row, visible.ConvertAll(m => m.Message), next.LockToken, next.LockedUntil)
                    {
                        Cursor = visible[^1].Sequence,
                    });
            }

            return Task.FromResult<OrchestrationWorkItem?>(null);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<HistoryEvent> history = _instances.TryGetValue(instanceId, out var entry) ? [.. entry.History] : [];
            return Task.FromResult(history);
        }
    }

    /// <inheritdoc />
    public Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationEpisode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(episode);
        lock (_gate)
        {
            var entry = LockedEntry(workItem);
            // Exactly what the work item delivered: visible when it was locked, and not after its cursor.
            var lockedAt = entry.LockedAt;
            entry.Messages.RemoveAll(m => m.Sequence <= workItem.Cursor && IsVisible(m.Message, lockedAt));

            var row = entry.Row;
            if (episode.NewExecution is { } next)
            {
                entry.History.Clear();
                row = row with { ExecutionId = next.ExecutionId, SerializedInput = next.Input };
                Enqueue(new OrchestrationMessage(next.InstanceId, next.ExecutionId, next));
            }

            entry.History.AddRange(episode.NewHistory);
            foreach (var activity in episode.Activities)
            {
                _activities.Add(++_nextSequence, new ActivityEntry(activity));
            }

            foreach (var message in episode.Messages)
            {
                Enqueue(message);
            }

            foreach (var child in episode.SubOrchestrations)
            {
                StartSubOrchestration(child);
            }

            var now = Now;
            var status = episode.Status;
            entry.Row = row with
            {
                RuntimeStatus = status.RuntimeStatus,
                SerializedOutput = status.SerializedOutput,
                SerializedCustomStatus = status.SerializedCustomStatus,
                FailureDetails = status.FailureDetails,
                LastUpdatedAt = now,
                CompletedAt = status.RuntimeStatus.IsTerminal() ? now : null,
                HistoryCount = entry.History.Count,
            };
            entry.LockToken = null;
            RefreshMessageIndex(entry);
        }

        if (episode.Activities.Count > 0)
        {
            ActivityWork.Notify();
        }

        OrchestrationWork.Notify();
        InstanceChanges.Notify();
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        lock (_gate)
        {
            if (_instances.TryGetValue(workItem.Instance.InstanceId, out var entry) && entry.LockToken == workItem.LockToken)
            {
                entry.LockToken = null;
            }
        }

        OrchestrationWork.Notify();
        return Task.CompletedTask;
    }

    private static bool IsVisible(OrchestrationMessage message, DateTimeOffset now) => message.VisibleAt is null || message.VisibleAt <= now;

    private InstanceEntry LockedEntry(OrchestrationWorkItem workItem)
    {
        if (!_instances.TryGetValue(workItem.Instance.InstanceId, out var entry)
            || entry.LockToken != workItem.LockToken)
        {
            throw new LockLostException($"orchestration instance '{workItem.Instance.InstanceId}'");
        }

        return entry;
    }

    private void CreateOrReplace(ExecutionStarted start)
    {
        var now = Now;
        var entry = new InstanceEntry(new OrchestrationInstance
        {
            InstanceId = start.InstanceId,
            Name = start.Name,
            ExecutionId = start.ExecutionId,
            RuntimeStatus = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartTime = start.ScheduledStartTime,
            SerializedInput = start.Input,
            ParentInstanceId = start.Parent?.InstanceId,
        });
        RemoveActivitiesOf(start.InstanceId);
        _instances[start.InstanceId] = entry;
        _instancesWithMessages.Remove(start.InstanceId);
        Enqueue(new OrchestrationMessage(start.InstanceId, start.ExecutionId, start, start.ScheduledStartTime));
    }

    private void StartSubOrchestration(ExecutionStarted child)
    {
        if (_instances.TryGetValue(child.InstanceId, out var existing) && !existing.Row.RuntimeStatus.IsTerminal())
        {
            Enqueue(SubOrchestrationRefusal.For(child, existing.Row.RuntimeStatus, Now));
            return;
        }

        CreateOrReplace(child);
    }

    private void Enqueue(OrchestrationMessage message)
    {
        if (!_instances.TryGetValue(message.InstanceId, out var entry))
        {
            return;
        }

        entry.Messages.Add((++_nextSequence, message));
        _instancesWithMessages.Add(message.InstanceId);
    }

    private void RefreshMessageIndex(InstanceEntry entry)
    {
        if (entry.Messages.Count == 0)
        {
            _instancesWithMessages.Remove(entry.Row.InstanceId);
        }
    }
}
