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
    private const int QueueBatch = 32;
    private readonly Lock _bufferGate = new();
    private readonly Dictionary<string, BufferedMessage> _buffer = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OrchestrationLock> _locks = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _fetchGate = new(1, 1);
    private long _order;

    /// <summary>
    /// Per partition: when to read its queue and its due timers next without a hint (real clock, ms), and the
    /// earliest timer this worker knows of (store clock). Work this process sends hints its partition at once;
    /// work from other processes is found by the idle poll, so a wake-up does not read every queue.
    /// </summary>
    private long[]? _nextQueuePoll;
    private long[]? _nextTimerPoll;
    private List<DateTimeOffset>[]? _knownTimers;
    private bool[]? _queueHint;

    /// <summary>Reads new messages and due timers of the owned partitions into the buffer, and keeps buffered ones invisible.</summary>
    private async Task FetchAsync(TimeSpan visibility, CancellationToken cancellationToken)
    {
        await _fetchGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var owned = _leases!.Owned();
            await Task.WhenAll(owned.Select(p => FetchPartitionAsync(p, visibility, cancellationToken))).ConfigureAwait(false);
            await Task.WhenAll(owned.Where(TimersMayBeDue).Select(p => FetchDueTimersAsync(p, cancellationToken))).ConfigureAwait(false);
            await RenewVisibilityAsync(visibility, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _fetchGate.Release();
        }
    }

    private async Task FetchPartitionAsync(int partition, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var now = Environment.TickCount64;
        lock (_bufferGate)
        {
            EnsurePollState();
            if (!_queueHint![partition] && now < _nextQueuePoll![partition])
            {
                return;
            }

            _queueHint[partition] = false;
            _nextQueuePoll![partition] = now + (long)IdlePoll.TotalMilliseconds;
        }

        var queue = _controlQueues[partition];
        var messages = await queue.GetMessagesAsync(QueueBatch, visibility, null, null, cancellationToken).ConfigureAwait(false);
        var visibleAgain = Environment.TickCount64 + (long)visibility.TotalMilliseconds;
        foreach (var message in messages)
        {
            lock (_bufferGate)
            {
                if (_buffer.TryGetValue(message.Id, out var known))
                {
                    // Became visible again while buffered (a long episode): the new pop receipt is the one that deletes it.
                    known.QueueMessage = message;
                    known.VisibleAgainAt = visibleAgain;
                    continue;
                }
            }

            ControlEnvelope envelope;
            try
            {
                envelope = await ReadControlAsync(message.AsString, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
            {
                // Its payload blob is gone: the instance was purged after the message was sent.
                await DeleteQueueMessageAsync(queue, message, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException or StorageException)
            {
                await UnreadableAsync(queue, message, ex, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (message.DequeueCount > _options.MaxDequeueCount && !IsLocked(envelope.InstanceId))
            {
                await PoisonAsync(queue, message, envelope.InstanceId, $"it was delivered {message.DequeueCount} times without being processed", cancellationToken).ConfigureAwait(false);
                continue;
            }

            lock (_bufferGate)
            {
                // The partition may have moved while the batch was read: then its new owner reads it.
                if (_leases!.Owns(partition))
                {
                    _buffer[message.Id] = new BufferedMessage(message.Id, partition, envelope, ++_order) { QueueMessage = message, VisibleAgainAt = visibleAgain };
                }
            }
        }

        if (messages.Count() == QueueBatch)
        {
            // A full batch: there may be more behind it.
            HintQueue(partition);
        }
    }

    /// <summary>Asks the next fetch to read the partition's queue (this process just sent to it).</summary>
    private void HintQueue(int partition)
    {
        lock (_bufferGate)
        {
            EnsurePollState();
            _queueHint![partition] = true;
        }
    }

    /// <summary>Asks a fetch to read the partition's timers once <paramref name="due"/> has come (store clock).</summary>
    private void HintTimer(int partition, DateTimeOffset due)
    {
        lock (_bufferGate)
        {
            EnsurePollState();
            _knownTimers![partition].Add(due);
        }
    }

    /// <summary>True when a timer this worker wrote is due on the store's clock, or the idle poll has come round.</summary>
    private bool TimersMayBeDue(int partition)
    {
        var now = Environment.TickCount64;
        var storeNow = _time.GetUtcNow();
        lock (_bufferGate)
        {
            EnsurePollState();
            var due = _knownTimers![partition].RemoveAll(t => t <= storeNow) > 0;
            if (!due && now < _nextTimerPoll![partition])
            {
                return false;
            }

            _nextTimerPoll![partition] = now + (long)IdlePoll.TotalMilliseconds;
            return true;
        }
    }

    private void EnsurePollState()
    {
        if (_queueHint is null)
        {
            var count = _controlQueues.Length;
            _queueHint = new bool[count];
            _nextQueuePoll = new long[count];
            _nextTimerPoll = new long[count];
            _knownTimers = Enumerable.Range(0, count).Select(_ => new List<DateTimeOffset>()).ToArray();
        }
    }

    private async Task FetchDueTimersAsync(int partition, CancellationToken cancellationToken)
    {
        var due = TimerKey(_time.GetUtcNow().AddTicks(1), string.Empty);
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, TimerPartition(partition)),
            TableOperators.And,
            TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, due));
        var query = new TableQuery<DynamicTableEntity>().Where(filter).Take(QueueBatch);
        var segment = await _timers.ExecuteQuerySegmentedAsync(query, null, null, null, cancellationToken).ConfigureAwait(false);
        if (segment.Results.Count == QueueBatch)
        {
            // A full page: more may be due behind it.
            HintTimer(partition, DateTimeOffset.MinValue);
        }

        foreach (var row in segment.Results)
        {
            var key = "timer:" + row.PartitionKey + "/" + row.RowKey;
            lock (_bufferGate)
            {
                if (_buffer.ContainsKey(key))
                {
                    continue;
                }
            }

            ControlEnvelope envelope;
            try
            {
                envelope = await ReadControlAsync(row.Properties["Body"].StringValue, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or InvalidOperationException or StorageException or KeyNotFoundException)
            {
                await PoisonTimerAsync(row, ex, cancellationToken).ConfigureAwait(false);
                continue;
            }

            lock (_bufferGate)
            {
                if (_leases!.Owns(partition))
                {
                    _buffer[key] = new BufferedMessage(key, partition, envelope, ++_order) { TimerRowKey = row.RowKey };
                }
            }
        }
    }

    /// <summary>Extends the invisibility of buffered queue messages that would otherwise reappear (waiting or in a long episode).</summary>
    private async Task RenewVisibilityAsync(TimeSpan visibility, CancellationToken cancellationToken)
    {
        var soon = Environment.TickCount64 + (long)(visibility.TotalMilliseconds / 2);
        List<BufferedMessage> expiring;
        lock (_bufferGate)
        {
            expiring = _buffer.Values
                .Where(m => m.QueueMessage is not null && m.VisibleAgainAt < soon && (m.Locked || _leases!.Owns(m.Partition)))
                .ToList();
        }

        await Task.WhenAll(expiring.Select(async m =>
        {
            // Gone or re-read when it fails: the next fetch sees it again if it still exists.
            m.VisibleAgainAt = await TrySetVisibilityAsync(m, visibility, cancellationToken).ConfigureAwait(false)
                ? Environment.TickCount64 + (long)visibility.TotalMilliseconds
                : long.MaxValue;
        })).ConfigureAwait(false);
    }

    /// <summary>A partition moved to another worker: forget its buffered messages and make them visible to the new owner.</summary>
    private void OnPartitionLost(int partition)
    {
        List<BufferedMessage> dropped;
        lock (_bufferGate)
        {
            dropped = _buffer.Values.Where(b => b.Partition == partition && !b.Locked).ToList();
            dropped.ForEach(b => _buffer.Remove(b.Key));
        }

        _ = Task.WhenAll(dropped.Where(b => b.QueueMessage is not null).Select(b => TrySetVisibilityAsync(b, TimeSpan.Zero, CancellationToken.None)));
    }

    /// <summary>Sets when a buffered queue message becomes visible; false when it is gone or was read again since.</summary>
    private async Task<bool> TrySetVisibilityAsync(BufferedMessage message, TimeSpan visibleAfter, CancellationToken cancellationToken)
    {
        try
        {
            await _controlQueues[message.Partition].UpdateMessageAsync(message.QueueMessage!, visibleAfter, MessageUpdateFields.Visibility, null, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException)
        {
            // Its visibility runs out on its own.
            return false;
        }
    }

    /// <summary>A timer row whose body cannot be read goes to the poison queue (it would stop every timer read otherwise).</summary>
    private async Task PoisonTimerAsync(DynamicTableEntity row, Exception error, CancellationToken cancellationToken)
    {
        var reason = $"Timer row {row.PartitionKey}/{row.RowKey} of table '{_timers.Name}' was moved to the poison queue '{_poison.Name}': its body could not be read ({error.Message}).";
        var record = JsonSerializer.Serialize(new { table = _timers.Name, row = row.RowKey, reason, movedAt = _time.GetUtcNow(), body = row.Properties.TryGetValue("Body", out var body) ? body.StringValue : null });
        await _poison.AddMessageAsync(new CloudQueueMessage(await _payloads.StoreAsync(record, "poison", cancellationToken).ConfigureAwait(false)), null, null, null, null, cancellationToken).ConfigureAwait(false);
        try
        {
            await _timers.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(row.PartitionKey, row.RowKey) { ETag = "*" }), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            // Already gone.
        }

        Log.PoisonMessage(_logger, row.RowKey, _timers.Name, _poison.Name, reason);
    }

    /// <summary>A body that cannot be read stays queued for the next deliveries, then goes to the poison queue.</summary>
    private async Task UnreadableAsync(CloudQueue queue, CloudQueueMessage message, Exception error, CancellationToken cancellationToken)
    {
        if (message.DequeueCount >= _options.MaxDequeueCount)
        {
            string? instanceId = null;
            try
            {
                using var document = JsonDocument.Parse(message.AsString);
                instanceId = document.RootElement.TryGetProperty("instanceId", out var id) ? id.GetString() : null;
            }
            catch (JsonException)
            {
                // Not even JSON: the instance cannot be named.
            }

            await PoisonAsync(queue, message, instanceId, $"its body could not be read ({error.Message})", cancellationToken).ConfigureAwait(false);
            return;
        }

        await queue.UpdateMessageAsync(message, TimeSpan.Zero, MessageUpdateFields.Visibility, null, null, cancellationToken).ConfigureAwait(false);
        if (Array.IndexOf(_controlQueues, queue) is var partition and >= 0)
        {
            HintQueue(partition);
        }
    }

    /// <summary>Moves a message to the poison queue and fails its instance with a reason that names it.</summary>
    private async Task PoisonAsync(CloudQueue queue, CloudQueueMessage message, string? instanceId, string why, CancellationToken cancellationToken)
    {
        var reason = $"Message {message.Id} on queue '{queue.Name}' was moved to the poison queue '{_poison.Name}': {why} " +
            $"(limit: {_options.MaxDequeueCount} deliveries).";
        var record = JsonSerializer.Serialize(new
        {
            queue = queue.Name,
            messageId = message.Id,
            dequeueCount = message.DequeueCount,
            instanceId,
            reason,
            movedAt = _time.GetUtcNow(),
            body = message.AsString,
        });
        var poisoned = await _payloads.StoreAsync(record, instanceId ?? "poison", cancellationToken).ConfigureAwait(false);
        await _poison.AddMessageAsync(new CloudQueueMessage(poisoned), null, null, null, null, cancellationToken).ConfigureAwait(false);
        await DeleteQueueMessageAsync(queue, message, cancellationToken).ConfigureAwait(false);
        Log.PoisonMessage(_logger, message.Id, queue.Name, _poison.Name, reason);
        if (instanceId is not null)
        {
            await FailInstanceAsync(instanceId, new FailureDetails("PoisonMessage", reason, IsNonRetriable: true), cancellationToken).ConfigureAwait(false);
        }
    }

    private bool IsLocked(string instanceId)
    {
        lock (_bufferGate)
        {
            return _locks.ContainsKey(instanceId);
        }
    }

    private static async Task DeleteQueueMessageAsync(CloudQueue queue, CloudQueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await queue.DeleteMessageAsync(message.Id, message.PopReceipt, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound) || IsStatus(ex, HttpStatusCode.BadRequest))
        {
            // Already deleted, or re-read since (its new copy is dropped as a duplicate).
        }
    }

    private static string TimerPartition(int partition) => partition.ToString("D2", CultureInfo.InvariantCulture);

    private static string TimerKey(DateTimeOffset due, string id) =>
        due.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "_" + id;
}
