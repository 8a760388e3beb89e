using MLOps.Durable.History;
using static MLOps.Durable.Storage.Sqlite.SqliteRows;

namespace MLOps.Durable.Storage.Sqlite;

public sealed partial class SqliteDurableStore
{
    private const string SelectReadyInstance =
        $"SELECT {InstanceColumns} FROM Instances INDEXED BY IX_Instances_Ready " +
        "WHERE NextVisibleAt <= @now AND (LockedUntil IS NULL OR LockedUntil <= @now) " +
        "ORDER BY NextVisibleAt, FirstMessage LIMIT 1";

    private const string ProbeReadyInstance =
        "SELECT 1 FROM Instances INDEXED BY IX_Instances_Ready " +
        "WHERE NextVisibleAt <= @now AND (LockedUntil IS NULL OR LockedUntil <= @now) LIMIT 1";

    private const string SelectVisibleMessages =
        "SELECT Sequence, InstanceId, ExecutionId, VisibleAt, EventJson FROM NewEvents " +
        "WHERE InstanceId = @id AND VisibleAt <= @now ORDER BY Sequence";

    private const string LockInstance =
        "UPDATE Instances SET LockToken = @token, LockedUntil = @until, LockedAt = @now WHERE InstanceId = @id";

    private const string SelectLock = "SELECT LockToken, LockedAt, HistoryCount, ExecutionId FROM Instances WHERE InstanceId = @id";

    // The messages the work item delivered: visible when it was locked and not after its cursor.
    private const string DeleteConsumedMessages =
        "DELETE FROM NewEvents WHERE InstanceId = @id AND VisibleAt <= @lockedAt AND Sequence <= @cursor";

    private const string DeleteHistory = "DELETE FROM History WHERE InstanceId = @id";

    private const string InsertHistory =
        "INSERT INTO History (InstanceId, SequenceNumber, ExecutionId, EventJson) VALUES (@id, @sequence, @executionId, @json)";

    private const string InsertActivity =
        "INSERT INTO Activities (InstanceId, ExecutionId, TaskId, Name, Input) VALUES (@id, @executionId, @taskId, @name, @input)";

    private const string UpdateAfterEpisode =
        "UPDATE Instances SET ExecutionId = @executionId, Input = CASE WHEN @replaceInput THEN @input ELSE Input END, " +
        "RuntimeStatus = @status, Output = @output, CustomStatus = @customStatus, FailureDetails = @failure, " +
        "LastUpdatedAt = @now, CompletedAt = @completedAt, HistoryCount = @historyCount, " +
        "LockToken = NULL, LockedUntil = NULL, LockedAt = NULL, " +
        "NextVisibleAt = (SELECT MIN(VisibleAt) FROM NewEvents WHERE InstanceId = @id), " +
        "FirstMessage = (SELECT MIN(Sequence) FROM NewEvents WHERE InstanceId = @id) " +
        "WHERE InstanceId = @id";

    private const string UnlockInstance =
        "UPDATE Instances SET LockToken = NULL, LockedUntil = NULL, LockedAt = NULL WHERE InstanceId = @id AND LockToken = @token";

    private const string SelectHistory = "SELECT EventJson FROM History WHERE InstanceId = @id ORDER BY SequenceNumber";

    /// <inheritdoc />
    public async Task CreateInstanceAsync(InstanceCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        await RunAsync(() => Write(now =>
        {
            var start = creation.Start;
            var existing = StatusOf(start.InstanceId);
            if (existing is { } status && (!creation.ReplaceTerminal || !status.IsTerminal()))
            {
                throw new OrchestrationAlreadyExistsException(start.InstanceId, status);
            }

            CreateOrReplace(start, existed: existing is not null, now);
            return true;
        }), cancellationToken).ConfigureAwait(false);
        OrchestrationWork.Notify();
        InstanceChanges.Notify();
    }

    /// <inheritdoc />
    public async Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count > 0)
        {
            await RunAsync(() => Write(_ =>
            {
                foreach (var message in messages)
                {
                    Enqueue(message);
                }

                return true;
            }), cancellationToken).ConfigureAwait(false);
        }

        OrchestrationWork.Notify();
    }

    /// <inheritdoc />
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default) =>
        RunAsync(() =>
        {
            // A read first, so that an idle poll never takes the write lock other processes wait for.
            return Statement(ProbeReadyInstance).Bind(NowTicks).Scalar() is null
                ? null
                : Write(now => LockReadyInstance(now, lockDuration));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(
        int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        return RunAsync<IReadOnlyList<OrchestrationWorkItem>>(() =>
        {
            if (Statement(ProbeReadyInstance).Bind(NowTicks).Scalar() is null)
            {
                return [];
            }

            // One write transaction for the whole batch: under load this halves the commits spent on locking.
            return Write(now =>
            {
                var items = new List<OrchestrationWorkItem>();
                while (items.Count < maxCount && LockReadyInstance(now, lockDuration) is { } item)
                {
                    items.Add(item);
                }

                return items;
            });
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        return RunAsync<IReadOnlyList<HistoryEvent>>(() =>
        {
            var history = new List<HistoryEvent>();
            using var reader = Statement(SelectHistory).Bind(instanceId).Read();
            while (reader.Read())
            {
                history.Add(HistorySerializer.Deserialize(reader.GetString(0)));
            }

            return history;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationEpisode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(episode);
        await RunAsync(() => Write(now => CommitEpisode(workItem, episode, now)), cancellationToken).ConfigureAwait(false);
        if (episode.Activities.Count > 0)
        {
            ActivityWork.Notify();
        }

        OrchestrationWork.Notify();
        InstanceChanges.Notify();
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await RunAsync(
            () => Write(_ => Statement(UnlockInstance).Bind(workItem.Instance.InstanceId, workItem.LockToken).Execute()),
            cancellationToken).ConfigureAwait(false);
        OrchestrationWork.Notify();
    }

    private OrchestrationWorkItem? LockReadyInstance(long now, TimeSpan lockDuration)
    {
        OrchestrationInstance row;
        using (var reader = Statement(SelectReadyInstance).Bind(now).Read())
        {
            if (!reader.Read())
            {
                return null;
            }

            row = ReadInstance(reader);
        }

        var messages = new List<OrchestrationMessage>();
        long cursor = 0;
        using (var reader = Statement(SelectVisibleMessages).Bind(row.InstanceId, now).Read())
        {
            while (reader.Read())
            {
                cursor = reader.GetInt64(0);
                messages.Add(ReadMessage(reader, 1));
            }
        }

        var token = Guid.NewGuid().ToString("N");
        var until = now + lockDuration.Ticks;
        Statement(LockInstance).Bind(token, until, now, row.InstanceId).Execute();
        return new OrchestrationWorkItem(row, messages, token, Time(until)) { Cursor = cursor };
    }

    private bool CommitEpisode(OrchestrationWorkItem workItem, OrchestrationEpisode episode, long now)
    {
        var instanceId = workItem.Instance.InstanceId;
        long lockedAt;
        int historyCount;
        string executionId;
        using (var reader = Statement(SelectLock).Bind(instanceId).Read())
        {
            if (!reader.Read() || StringOrNull(reader, 0) != workItem.LockToken)
            {
                throw new LockLostException($"orchestration instance '{instanceId}'");
            }

            lockedAt = reader.GetInt64(1);
            historyCount = reader.GetInt32(2);
            executionId = reader.GetString(3);
        }

        Statement(DeleteConsumedMessages).Bind(instanceId, lockedAt, workItem.Cursor).Execute();
        if (episode.NewExecution is { } next)
        {
            Statement(DeleteHistory).Bind(instanceId).Execute();
            historyCount = 0;
            executionId = next.ExecutionId;
            Enqueue(new OrchestrationMessage(next.InstanceId, next.ExecutionId, next));
        }

        foreach (var historyEvent in episode.NewHistory)
        {
            Statement(InsertHistory).Bind(instanceId, historyCount++, executionId, HistorySerializer.Serialize(historyEvent)).Execute();
        }

        foreach (var activity in episode.Activities)
        {
            Statement(InsertActivity).Bind(activity.InstanceId, activity.ExecutionId, activity.TaskId, activity.Name, activity.Input).Execute();
        }

        foreach (var message in episode.Messages)
        {
            Enqueue(message);
        }

        var replacedItself = false;
        foreach (var child in episode.SubOrchestrations)
        {
            replacedItself |= StartSubOrchestration(child, now) && child.InstanceId == instanceId;
        }

        // As in the in-memory store: a sub-orchestration that reused this (finished) instance's id replaced it,
        // and the episode's status no longer applies to the new row.
        if (!replacedItself)
        {
            var status = episode.Status;
            Statement(UpdateAfterEpisode).Bind(
                executionId,
                episode.NewExecution is not null,
                episode.NewExecution?.Input,
                (int)status.RuntimeStatus,
                status.SerializedOutput,
                status.SerializedCustomStatus,
                FailureJson(status.FailureDetails),
                now,
                status.RuntimeStatus.IsTerminal() ? now : null,
                historyCount,
                instanceId).Execute();
        }

        return true;
    }

    /// <summary>Creates the child, or tells its parent that an unfinished instance already has the id.</summary>
    private bool StartSubOrchestration(ExecutionStarted child, long now)
    {
        var existing = StatusOf(child.InstanceId);
        if (existing is { } status && !status.IsTerminal())
        {
            Enqueue(SubOrchestrationRefusal.For(child, status, Time(now)));
            return false;
        }

        CreateOrReplace(child, existed: existing is not null, now);
        return true;
    }
}
