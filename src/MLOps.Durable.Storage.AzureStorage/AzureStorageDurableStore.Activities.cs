using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageDurableStore
{
    private readonly ConcurrentDictionary<long, (CloudQueueMessage Message, ActivityEnvelope Envelope)> _activityLocks = new();
    private long _activityIds;

    /// <inheritdoc />
    public async Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(int maxCount, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCount);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var messages = await _workItems.GetMessagesAsync(Math.Min(maxCount, QueueBatch), lockDuration, null, null, cancellationToken).ConfigureAwait(false);
        var items = new List<ActivityWorkItem>();
        foreach (var message in messages)
        {
            ActivityEnvelope envelope;
            try
            {
                var json = await _payloads.LoadAsync(message.AsString, cancellationToken).ConfigureAwait(false);
                envelope = JsonSerializer.Deserialize<ActivityEnvelope>(json!, HistorySerializer.Options) ?? throw new JsonException("The message body is 'null'.");
            }
            catch (Exception ex) when (ex is JsonException or NotSupportedException or FormatException or StorageException)
            {
                await UnreadableAsync(_workItems, message, ex, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (message.DequeueCount > _options.MaxDequeueCount)
            {
                await PoisonActivityAsync(message, envelope, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var id = Interlocked.Increment(ref _activityIds);
            _activityLocks[id] = (message, envelope);
            items.Add(new ActivityWorkItem(id, envelope.Message, message.PopReceipt, _time.GetUtcNow() + lockDuration, message.DequeueCount));
        }

        return items;
    }

    /// <inheritdoc />
    public async Task<bool> RenewActivityLockAsync(ActivityWorkItem workItem, TimeSpan lockDuration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!_activityLocks.TryGetValue(workItem.Id, out var held))
        {
            return false;
        }

        try
        {
            await _workItems.UpdateMessageAsync(held.Message, lockDuration, MessageUpdateFields.Visibility, null, null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound) || IsStatus(ex, HttpStatusCode.BadRequest))
        {
            return false;
        }
        catch (StorageException)
        {
            // A transient failure: the lock has half its time left, and the next renewal tries again.
            return true;
        }
    }

    /// <inheritdoc />
    public async Task CompleteActivitiesAsync(IReadOnlyList<ActivityCompletion> completions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(completions);
        await SendAllAsync(completions, async (completion, ct) =>
        {
            if (!_activityLocks.TryGetValue(completion.WorkItem.Id, out var held))
            {
                return;
            }

            // The result keeps an id derived from the request's, so a request run twice yields one result.
            await SendAsync(Outbound(completion.Result, held.Envelope.Id + "-r"), ct).ConfigureAwait(false);
            await DeleteQueueMessageAsync(_workItems, held.Message, ct).ConfigureAwait(false);
            _activityLocks.TryRemove(completion.WorkItem.Id, out _);
        }, cancellationToken).ConfigureAwait(false);
        OrchestrationWork.Notify();
    }

    /// <inheritdoc />
    public async Task AbandonActivityAsync(ActivityWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        if (!_activityLocks.TryRemove(workItem.Id, out var held))
        {
            return;
        }

        try
        {
            await _workItems.UpdateMessageAsync(held.Message, TimeSpan.Zero, MessageUpdateFields.Visibility, null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // Gone, or visible again already.
        }

        ActivityWork.Notify();
    }

    /// <summary>An activity that never completes: to the poison queue, and a failure its orchestration sees.</summary>
    private async Task PoisonActivityAsync(CloudQueueMessage message, ActivityEnvelope envelope, CancellationToken cancellationToken)
    {
        var request = envelope.Message;
        var reason = $"Activity '{request.Name}' (task #{request.TaskId}), message {message.Id} on queue '{_workItems.Name}', was moved to the poison " +
            $"queue '{_poison.Name}': it was delivered {message.DequeueCount} times without completing (limit: {_options.MaxDequeueCount} deliveries).";
        var record = JsonSerializer.Serialize(new { queue = _workItems.Name, messageId = message.Id, dequeueCount = message.DequeueCount, instanceId = request.InstanceId, reason, body = message.AsString });
        await _poison.AddMessageAsync(new CloudQueueMessage(await _payloads.StoreAsync(record, request.InstanceId, cancellationToken).ConfigureAwait(false)), null, null, null, null, cancellationToken).ConfigureAwait(false);
        var failed = new TaskFailed(_time.GetUtcNow(), request.TaskId, new FailureDetails("PoisonMessage", reason, IsNonRetriable: true));
        await SendAsync(Outbound(new OrchestrationMessage(request.InstanceId, request.ExecutionId, failed), envelope.Id + "-r"), cancellationToken).ConfigureAwait(false);
        await DeleteQueueMessageAsync(_workItems, message, cancellationToken).ConfigureAwait(false);
        Log.PoisonMessage(_logger, message.Id, _workItems.Name, _poison.Name, reason);
        OrchestrationWork.Notify();
    }
}
