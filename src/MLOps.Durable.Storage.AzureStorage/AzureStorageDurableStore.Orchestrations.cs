using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageDurableStore
{
    /// <summary>Table batches hold 100 entities and 4 MiB: 99 history rows and the sentinel, within a character budget.</summary>
    private const int MaxRowsPerBatch = 99;
    private const int MaxCharsPerBatch = 1_500_000;

    /// <summary>Messages per work item: well inside the sentinel's window of remembered message ids.</summary>
    private const int MaxMessagesPerWorkItem = InstanceState.RememberedMessages / 2;

    /// <summary>How long a candidate that could not be prepared stays hidden before it is tried again.</summary>
    private static readonly TimeSpan RetryPause = TimeSpan.FromSeconds(2);

    /// <inheritdoc />
    public async Task CreateInstanceAsync(InstanceCreation creation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(creation);
        if (TableKeys.Problem(creation.Start.InstanceId) is { } problem)
        {
            throw new ArgumentException(problem, nameof(creation));
        }

        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var start = creation.Start;
        var existing = await ReadSentinelAsync(start.InstanceId, cancellationToken).ConfigureAwait(false);
        if (existing is not null && (!creation.ReplaceTerminal || !existing.Status.IsTerminal()))
        {
            throw new OrchestrationAlreadyExistsException(start.InstanceId, existing.Status);
        }

        await CreateOrReplaceAsync(start, existing, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task SendMessagesAsync(IReadOnlyList<OrchestrationMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        // Messages for instances that do not exist are dropped by the partition owner when it reads them.
        await SendAllAsync(messages.Select(m => Outbound(m, NewId())), SendAsync, cancellationToken).ConfigureAwait(false);
        OrchestrationWork.Notify();
    }

    /// <inheritdoc />
    public async Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(TimeSpan lockDuration, CancellationToken cancellationToken = default) =>
        (await LockNextOrchestrationsAsync(1, lockDuration, cancellationToken).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<IReadOnlyList<OrchestrationWorkItem>> LockNextOrchestrationsAsync(
        int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await EnsureLeasesAsync(cancellationToken).ConfigureAwait(false);
        await FetchAsync(lockDuration, cancellationToken).ConfigureAwait(false);
        var candidates = TakeCandidates(maxCount);
        var prepared = await Task.WhenAll(candidates.Select(c => PrepareAsync(c.InstanceId, c.Messages, lockDuration, cancellationToken))).ConfigureAwait(false);
        return prepared.OfType<OrchestrationWorkItem>().ToList();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<DynamicTableEntity>();
        var query = new TableQuery<DynamicTableEntity>().Where(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, TableKeys.Escape(instanceId)));
        TableContinuationToken? token = null;
        do
        {
            var segment = await _history.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
            token = segment.ContinuationToken;
            rows.AddRange(segment.Results);
        }
        while (token is not null);

        var sentinel = rows.Find(r => r.RowKey == InstanceState.SentinelRowKey);
        if (sentinel is null)
        {
            return [];
        }

        // Rows at or past the committed count are left from an earlier execution or from a commit that lost its lock.
        var count = InstanceState.FromEntity(sentinel).HistoryCount;
        var current = rows.Where(r => r.RowKey != InstanceState.SentinelRowKey && int.Parse(r.RowKey, CultureInfo.InvariantCulture) < count)
            .OrderBy(r => r.RowKey, StringComparer.Ordinal).ToList();
        var events = await Task.WhenAll(current.Select(async r =>
            HistorySerializer.Deserialize((await _payloads.LoadAsync(r.Properties["Event"].StringValue, cancellationToken).ConfigureAwait(false))!))).ConfigureAwait(false);
        return events;
    }

    /// <inheritdoc />
    public async Task CompleteOrchestrationAsync(OrchestrationWorkItem workItem, OrchestrationEpisode episode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(episode);
        var instanceId = workItem.Instance.InstanceId;
        var held = TakeLock(instanceId, workItem.LockToken);
        if (held is null || !_leases!.Owns(held.Partition))
        {
            if (held is not null)
            {
                // The partition moved: its new owner reads these messages again.
                Release(held, keepBuffered: false);
            }

            throw new LockLostException($"orchestration instance '{instanceId}'");
        }

        var state = held.State!;
        var now = _time.GetUtcNow();
        var executionId = episode.NewExecution?.ExecutionId ?? state.ExecutionId;
        var first = episode.NewExecution is null ? state.HistoryCount : 0;
        var status = episode.Status;
        var outbox = BuildOutbox(episode);
        var committed = state with
        {
            ExecutionId = executionId,
            Input = episode.NewExecution is { } next ? await _payloads.StoreAsync(next.Input, instanceId, cancellationToken).ConfigureAwait(false) : state.Input,
            Status = status.RuntimeStatus,
            Output = await KeepOrStoreAsync(status.SerializedOutput, state.Output, instanceId, cancellationToken).ConfigureAwait(false),
            CustomStatus = await KeepOrStoreAsync(status.SerializedCustomStatus, state.CustomStatus, instanceId, cancellationToken).ConfigureAwait(false),
            Failure = status.FailureDetails is null ? null : await _payloads.StoreAsync(JsonSerializer.Serialize(status.FailureDetails, HistorySerializer.Options), instanceId, cancellationToken).ConfigureAwait(false),
            LastUpdatedAt = now,
            CompletedAt = status.RuntimeStatus.IsTerminal() ? state.CompletedAt ?? now : null,
            HistoryCount = first + episode.NewHistory.Count,
            Outbox = outbox.IsEmpty ? null : await _payloads.StoreAsync(JsonSerializer.Serialize(outbox, HistorySerializer.Options), instanceId, cancellationToken).ConfigureAwait(false),
            Dirty = true,
            Consumed = state.Remember(held.Messages.Select(m => m.Envelope.Id)),
        };

        try
        {
            committed = committed with { ETag = await WriteHistoryAsync(committed, first, episode.NewHistory, cancellationToken).ConfigureAwait(false) };
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed) || IsStatus(ex, HttpStatusCode.Conflict))
        {
            Release(held, keepBuffered: false);
            throw new LockLostException($"orchestration instance '{instanceId}'");
        }

        var finished = await FinishCommitAsync(committed, outbox, held.Partition, cancellationToken).ConfigureAwait(false);
        if (!finished.Dirty)
        {
            // Left undeleted otherwise: their redelivery to the partition's new owner is what makes it finish the commit.
            await DeleteConsumedAsync(held.Messages, cancellationToken).ConfigureAwait(false);
        }

        Release(held, keepBuffered: false);
        InstanceChanges.Notify();

        // Messages for this instance that were read while it was locked can go out now.
        OrchestrationWork.Notify();
    }

    /// <inheritdoc />
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var held = TakeLock(workItem.Instance.InstanceId, workItem.LockToken);
        if (held is null)
        {
            return;
        }

        // Queue messages become visible at once, so that their delivery count grows towards the poison limit.
        await PutBackAsync(held, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        foreach (var partition in held.Messages.Select(m => m.Partition).Distinct())
        {
            HintQueue(partition);
        }

        OrchestrationWork.Notify();
    }

    private List<(string InstanceId, List<BufferedMessage> Messages)> TakeCandidates(int maxCount)
    {
        lock (_bufferGate)
        {
            // At most MaxMessagesPerWorkItem per work item, so that the sentinel's consumed-id window covers a whole
            // work item (a crash before the messages are deleted must not let any of them through twice).
            var candidates = _buffer.Values
                .Where(m => !m.Locked && _leases!.Owns(m.Partition) && !_locks.ContainsKey(m.Envelope.InstanceId))
                .GroupBy(m => m.Envelope.InstanceId, StringComparer.Ordinal)
                .OrderBy(g => g.Min(m => m.Order))
                .Take(maxCount)
                .Select(g => (g.Key, g.OrderBy(m => m.Order).Take(MaxMessagesPerWorkItem).ToList()))
                .ToList();
            foreach (var (instanceId, messages) in candidates)
            {
                messages.ForEach(m => m.Locked = true);
                _locks[instanceId] = new OrchestrationLock(instanceId, string.Empty, messages[0].Partition, messages, State: null);
            }

            return candidates;
        }
    }

    /// <summary>
    /// Reads the instance for a candidate, drops duplicates, finishes an interrupted commit, and builds the work
    /// item. A candidate that cannot be prepared (a storage error, an outbox that cannot be sent) is put back with
    /// its queue messages hidden for a while, so that it neither blocks the others nor escapes the poison limit.
    /// </summary>
    private async Task<OrchestrationWorkItem?> PrepareAsync(string instanceId, List<BufferedMessage> messages, TimeSpan lockDuration, CancellationToken cancellationToken)
    {
        var placeholder = new OrchestrationLock(instanceId, string.Empty, messages[0].Partition, messages, State: null);
        try
        {
            var state = await ReadSentinelAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (state is null)
            {
                Log.MessagesForMissingInstance(_logger, messages.Count, instanceId);
                await DeleteConsumedAsync(messages, cancellationToken).ConfigureAwait(false);
                Release(placeholder, keepBuffered: false);
                return null;
            }

            // Already consumed (a redelivery after a crash), or a second copy of one envelope (an outbox sent again).
            var seen = new HashSet<string>(state.Consumed, StringComparer.Ordinal);
            var duplicates = messages.Where(m => !seen.Add(m.Envelope.Id)).ToList();
            if (duplicates.Count > 0)
            {
                Log.DuplicatesDropped(_logger, duplicates.Count, instanceId);
                await DeleteConsumedAsync(duplicates, cancellationToken).ConfigureAwait(false);
                lock (_bufferGate)
                {
                    duplicates.ForEach(d => _buffer.Remove(d.Key));
                }

                messages = messages.Except(duplicates).ToList();
                placeholder = placeholder with { Messages = messages };
            }

            if (state.Dirty)
            {
                Log.OutboxRecovered(_logger, instanceId);
                var outbox = state.Outbox is null ? Outbox.Empty
                    : JsonSerializer.Deserialize<Outbox>((await _payloads.LoadAsync(state.Outbox, cancellationToken).ConfigureAwait(false))!, HistorySerializer.Options)!;
                state = await FinishCommitAsync(state, outbox, placeholder.Partition, cancellationToken).ConfigureAwait(false);
                InstanceChanges.Notify();
            }

            if (messages.Count == 0)
            {
                Release(placeholder, keepBuffered: true);
                return null;
            }

            var events = messages.SelectMany(m => m.Envelope.Events).ToList();
            var ordered = events.Where(e => e.Event is ExecutionStarted).Concat(events.Where(e => e.Event is not ExecutionStarted))
                .Select(e => new OrchestrationMessage(instanceId, e.ExecutionId, e.Event)).ToList();
            var instance = await ToInstanceAsync(state, includePayloads: false, cancellationToken, references: true).ConfigureAwait(false);
            var token = NewId();
            lock (_bufferGate)
            {
                _locks[instanceId] = new OrchestrationLock(instanceId, token, placeholder.Partition, messages, state);
            }

            return new OrchestrationWorkItem(instance, ordered, token, _time.GetUtcNow() + lockDuration);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.PrepareFailed(_logger, ex, instanceId);
            await PutBackAsync(placeholder, RetryPause, cancellationToken).ConfigureAwait(false);
            return null;
        }
    }

    /// <summary>
    /// Ends a lock without consuming: its queue messages reappear after <paramref name="visibleAfter"/> and are read
    /// again (counting a delivery); timer rows stay buffered.
    /// </summary>
    private async Task PutBackAsync(OrchestrationLock held, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        var queued = held.Messages.Where(m => m.QueueMessage is not null).ToList();
        await Task.WhenAll(queued.Select(m => TrySetVisibilityAsync(m, visibleAfter, cancellationToken))).ConfigureAwait(false);
        lock (_bufferGate)
        {
            queued.ForEach(m => _buffer.Remove(m.Key));
        }

        Release(held, keepBuffered: true);
    }

    /// <summary>After the history batch: send the outbox, copy the row to the Instances table, then clear the sentinel's flag.</summary>
    private async Task<InstanceState> FinishCommitAsync(InstanceState state, Outbox outbox, int partition, CancellationToken cancellationToken)
    {
        await SendOutboxAsync(outbox, cancellationToken).ConfigureAwait(false);

        // A worker that lost the partition while sending leaves the copy to the new owner, which finds the sentinel
        // dirty: an older state must not overwrite a newer one in the Instances table.
        if (!_leases!.Owns(partition))
        {
            return state;
        }

        await _instances.ExecuteAsync(TableOperation.InsertOrReplace(state.ToEntity(sentinel: false)), null, null, cancellationToken).ConfigureAwait(false);
        var clean = state with { Outbox = null, Dirty = false };
        try
        {
            var result = await _history.ExecuteAsync(TableOperation.Replace(clean.ToEntity(sentinel: true)), null, null, cancellationToken).ConfigureAwait(false);
            return clean with { ETag = result.Etag };
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // Another worker moved the instance on; it finishes this outbox again if it still needs to.
            return state;
        }
    }

    /// <summary>
    /// Writes history rows and the sentinel. Every batch carries the sentinel under the ETag read at lock time
    /// (then the one the previous batch produced), so a worker that lost the instance fails at its first batch and
    /// rows past the committed count are never read.
    /// </summary>
    private async Task<string> WriteHistoryAsync(InstanceState committed, int first, IReadOnlyList<HistoryEvent> history, CancellationToken cancellationToken)
    {
        var instanceKey = TableKeys.Escape(committed.InstanceId);
        var rows = new List<DynamicTableEntity>();
        for (var i = 0; i < history.Count; i++)
        {
            var row = new DynamicTableEntity(instanceKey, (first + i).ToString("D10", CultureInfo.InvariantCulture));
            row.Properties["ExecutionId"] = new EntityProperty(committed.ExecutionId);
            row.Properties["EventType"] = new EntityProperty(history[i].EventType);
            row.Properties["Event"] = new EntityProperty(await _payloads.StoreAsync(HistorySerializer.Serialize(history[i]), committed.InstanceId, cancellationToken).ConfigureAwait(false));
            rows.Add(row);
        }

        var etag = committed.ETag!;
        var index = 0;
        do
        {
            var batch = new TableBatchOperation();
            var chars = 0;
            while (index < rows.Count && batch.Count < MaxRowsPerBatch && (batch.Count == 0 || chars < MaxCharsPerBatch))
            {
                chars += rows[index].Properties["Event"].StringValue.Length;
                batch.InsertOrReplace(rows[index++]);
            }

            DynamicTableEntity sentinel;
            if (index < rows.Count)
            {
                // An intermediate batch only proves the lock is still held; the committed state goes in with the last one.
                sentinel = new DynamicTableEntity(instanceKey, InstanceState.SentinelRowKey) { ETag = etag };
                sentinel.Properties["Staging"] = new EntityProperty(index);
                batch.Merge(sentinel);
            }
            else
            {
                sentinel = committed.ToEntity(sentinel: true);
                sentinel.ETag = etag;
                batch.Replace(sentinel);
            }

            var results = await _history.ExecuteBatchAsync(batch, null, null, cancellationToken).ConfigureAwait(false);
            etag = results[^1].Etag;
        }
        while (index < rows.Count);
        return etag;
    }

    private async Task<string?> KeepOrStoreAsync(string? value, string? stored, string instanceId, CancellationToken cancellationToken) =>
        value is not null && value == stored ? stored : await _payloads.StoreAsync(value, instanceId, cancellationToken).ConfigureAwait(false);

    private async Task DeleteConsumedAsync(IEnumerable<BufferedMessage> messages, CancellationToken cancellationToken)
    {
        await Task.WhenAll(messages.Select(async m =>
        {
            if (m.QueueMessage is { } message)
            {
                await DeleteQueueMessageAsync(_controlQueues[m.Partition], message, cancellationToken).ConfigureAwait(false);
                return;
            }

            try
            {
                await _timers.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(TimerPartition(m.Partition), m.TimerRowKey) { ETag = "*" }), null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
            {
                // Deleted by an earlier attempt.
            }
        })).ConfigureAwait(false);
    }

    private OrchestrationLock? TakeLock(string instanceId, string token)
    {
        lock (_bufferGate)
        {
            return _locks.TryGetValue(instanceId, out var held) && held.Token == token ? held : null;
        }
    }

    /// <summary>Ends a lock: its messages are consumed (removed from the buffer) or kept for the next work item.</summary>
    private void Release(OrchestrationLock held, bool keepBuffered)
    {
        lock (_bufferGate)
        {
            foreach (var message in held.Messages)
            {
                message.Locked = false;
                if (!keepBuffered)
                {
                    _buffer.Remove(message.Key);
                }
            }

            if (_locks.TryGetValue(held.InstanceId, out var current) && current.Token == held.Token)
            {
                _locks.Remove(held.InstanceId);
            }
        }
    }

    /// <summary>
    /// Fails an instance the store cannot deliver to (a poison message), telling its parent; retried from a fresh
    /// read when a commit gets in between, and keeping an outbox that was not sent yet.
    /// </summary>
    private async Task FailInstanceAsync(string instanceId, FailureDetails failure, CancellationToken cancellationToken)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            var state = await ReadSentinelAsync(instanceId, cancellationToken).ConfigureAwait(false);
            if (state is null || state.Status.IsTerminal())
            {
                return;
            }

            var now = _time.GetUtcNow();
            var pending = state.Dirty && state.Outbox is not null
                ? JsonSerializer.Deserialize<Outbox>((await _payloads.LoadAsync(state.Outbox, cancellationToken).ConfigureAwait(false))!, HistorySerializer.Options)!
                : Outbox.Empty;
            var messages = pending.Messages.ToList();
            if (state.Parent is { } parent)
            {
                messages.Add(Outbound(new OrchestrationMessage(parent.InstanceId, parent.ExecutionId,
                    new SubOrchestrationInstanceFailed(now, parent.TaskScheduledId, failure)), NewId()));
            }

            var outbox = pending with { Messages = messages };
            var failed = state with
            {
                Status = OrchestrationRuntimeStatus.Failed,
                Failure = await _payloads.StoreAsync(JsonSerializer.Serialize(failure, HistorySerializer.Options), instanceId, cancellationToken).ConfigureAwait(false),
                LastUpdatedAt = now,
                CompletedAt = now,
                HistoryCount = state.HistoryCount + 1,
                Outbox = outbox.IsEmpty ? null : await _payloads.StoreAsync(JsonSerializer.Serialize(outbox, HistorySerializer.Options), instanceId, cancellationToken).ConfigureAwait(false),
                Dirty = true,
            };
            try
            {
                failed = failed with { ETag = await WriteHistoryAsync(failed, state.HistoryCount, [new ExecutionFailed(now, failure)], cancellationToken).ConfigureAwait(false) };
            }
            catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.PreconditionFailed))
            {
                continue;
            }

            await FinishCommitAsync(failed, outbox, PartitionOf(instanceId), cancellationToken).ConfigureAwait(false);
            InstanceChanges.Notify();
            return;
        }
    }
}
