using System.Net;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageDurableStore
{
    /// <summary>Messages sent at once while an outbox or a batch of results goes out.</summary>
    private const int SendParallelism = 32;

    private async Task<ControlEnvelope> ReadControlAsync(string stored, CancellationToken cancellationToken)
    {
        var json = await _payloads.LoadAsync(stored, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Deserialize<ControlEnvelope>(json!, HistorySerializer.Options)
            ?? throw new JsonException("The message body is 'null'.");
    }

    /// <summary>Sends a control envelope: into its instance's control queue, or the Timers table when it is for later.</summary>
    private async Task SendAsync(OutboundEnvelope outbound, CancellationToken cancellationToken)
    {
        var envelope = outbound.Envelope;
        var body = await _payloads.StoreAsync(
            JsonSerializer.Serialize(envelope, HistorySerializer.Options), envelope.InstanceId, cancellationToken).ConfigureAwait(false);
        var partition = PartitionOf(envelope.InstanceId);
        if (outbound.VisibleAt is { } visibleAt && visibleAt > _time.GetUtcNow())
        {
            // Durable timers wait in a table keyed by due time, read by the partition owner on the store's clock
            // (queue visibility delays would tie them to the real clock and to seven days at most).
            var row = new DynamicTableEntity(TimerPartition(partition), TimerKey(visibleAt, envelope.Id));
            row.Properties["Body"] = new EntityProperty(body);
            await _timers.ExecuteAsync(TableOperation.InsertOrReplace(row), null, null, cancellationToken).ConfigureAwait(false);
            HintTimer(partition, visibleAt);
            return;
        }

        await _controlQueues[partition].AddMessageAsync(new CloudQueueMessage(body), null, null, null, null, cancellationToken).ConfigureAwait(false);
        HintQueue(partition);
    }

    private async Task SendActivityAsync(ActivityEnvelope activity, CancellationToken cancellationToken)
    {
        var body = await _payloads.StoreAsync(
            JsonSerializer.Serialize(activity, HistorySerializer.Options), activity.Message.InstanceId, cancellationToken).ConfigureAwait(false);
        await _workItems.AddMessageAsync(new CloudQueueMessage(body), null, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    private static OutboundEnvelope Outbound(OrchestrationMessage message, string id) =>
        new(new ControlEnvelope(id, message.InstanceId, [new EnvelopeEvent(message.ExecutionId, message.Event)]), message.VisibleAt);

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>Runs <paramref name="send"/> for every item, a bounded number at a time.</summary>
    private static Task SendAllAsync<T>(IEnumerable<T> items, Func<T, CancellationToken, Task> send, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = SendParallelism, CancellationToken = cancellationToken },
            async (item, ct) => await send(item, ct).ConfigureAwait(false));

    /// <summary>
    /// An episode's outgoing messages: everything for one instance that is due now travels in one envelope, in
    /// order, so that a new execution's start and the events it carries over arrive together.
    /// </summary>
    private static Outbox BuildOutbox(OrchestrationEpisode episode)
    {
        var messages = new List<OrchestrationMessage>();
        if (episode.NewExecution is { } next)
        {
            messages.Add(new OrchestrationMessage(next.InstanceId, next.ExecutionId, next));
        }

        messages.AddRange(episode.Messages);
        var outbound = new List<OutboundEnvelope>();
        foreach (var group in messages.Where(m => m.VisibleAt is null).GroupBy(m => m.InstanceId, StringComparer.Ordinal))
        {
            var events = group.Select(m => new EnvelopeEvent(m.ExecutionId, m.Event)).ToList();
            outbound.Add(new OutboundEnvelope(new ControlEnvelope(NewId(), group.Key, events), null));
        }

        outbound.AddRange(messages.Where(m => m.VisibleAt is not null).Select(m => Outbound(m, NewId())));
        var activities = episode.Activities.Select(a => new ActivityEnvelope(NewId(), a)).ToList();
        return new Outbox(outbound, activities, episode.SubOrchestrations);
    }

    /// <summary>Sends an outbox; safe to repeat (receivers drop duplicates, children are created once).</summary>
    private async Task SendOutboxAsync(Outbox outbox, CancellationToken cancellationToken)
    {
        await Task.WhenAll(
            SendAllAsync(outbox.Messages, SendAsync, cancellationToken),
            SendAllAsync(outbox.Activities, SendActivityAsync, cancellationToken),
            SendAllAsync(outbox.SubOrchestrations, StartSubOrchestrationAsync, cancellationToken)).ConfigureAwait(false);
        if (outbox.Activities.Count > 0)
        {
            ActivityWork.Notify();
        }

        OrchestrationWork.Notify();
    }

    /// <summary>Creates a child, unless this start already created it; an unfinished instance with its id is refused to the parent.</summary>
    private async Task StartSubOrchestrationAsync(ExecutionStarted child, CancellationToken cancellationToken)
    {
        if (TableKeys.Problem(child.InstanceId) is { } problem)
        {
            var parent = child.Parent!;
            var failed = new SubOrchestrationInstanceFailed(_time.GetUtcNow(), parent.TaskScheduledId, new FailureDetails(typeof(ArgumentException).FullName!, problem, IsNonRetriable: true));
            await SendAsync(Outbound(new OrchestrationMessage(parent.InstanceId, parent.ExecutionId, failed), "refused-" + child.ExecutionId), cancellationToken).ConfigureAwait(false);
            return;
        }

        var existing = await ReadSentinelAsync(child.InstanceId, cancellationToken).ConfigureAwait(false);
        if (existing?.ExecutionId == child.ExecutionId)
        {
            // Created by an earlier send of this outbox; its start may not have gone out before the crash.
            if (existing.Status == OrchestrationRuntimeStatus.Pending && existing.HistoryCount == 0)
            {
                await SendStartAsync(child, cancellationToken).ConfigureAwait(false);
            }

            return;
        }

        if (existing is not null && !existing.Status.IsTerminal())
        {
            var refusal = SubOrchestrationRefusal.For(child, existing.Status, _time.GetUtcNow());
            await SendAsync(Outbound(refusal, "refused-" + child.ExecutionId), cancellationToken).ConfigureAwait(false);
            return;
        }

        try
        {
            await CreateOrReplaceAsync(child, existing, cancellationToken).ConfigureAwait(false);
        }
        catch (OrchestrationAlreadyExistsException ex)
        {
            var refusal = SubOrchestrationRefusal.For(child, ex.Status, _time.GetUtcNow());
            await SendAsync(Outbound(refusal, "refused-" + child.ExecutionId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the new instance's sentinel (conditional on what was read), its Instances row, then queues its start.</summary>
    private async Task CreateOrReplaceAsync(ExecutionStarted start, InstanceState? existing, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var state = new InstanceState
        {
            InstanceId = start.InstanceId,
            Name = start.Name,
            ExecutionId = start.ExecutionId,
            Status = OrchestrationRuntimeStatus.Pending,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartTime = start.ScheduledStartTime,
            Input = await _payloads.StoreAsync(start.Input, start.InstanceId, cancellationToken).ConfigureAwait(false),
            Parent = start.Parent,
            ETag = existing?.ETag,
        };
        var sentinel = state.ToEntity(sentinel: true);
        try
        {
            await _history.ExecuteAsync(existing is null ? TableOperation.Insert(sentinel) : TableOperation.Replace(sentinel), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.Conflict) || IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // Another client created or changed it since it was read - or this very write succeeded and its reply was
            // lost, and the client library's retry found it: then it is ours.
            var current = await ReadSentinelAsync(start.InstanceId, cancellationToken).ConfigureAwait(false);
            if (current?.ExecutionId != start.ExecutionId)
            {
                throw new OrchestrationAlreadyExistsException(start.InstanceId, current?.Status ?? OrchestrationRuntimeStatus.Pending);
            }
        }

        await _instances.ExecuteAsync(TableOperation.InsertOrReplace(state.ToEntity(sentinel: false)), null, null, cancellationToken).ConfigureAwait(false);
        await SendStartAsync(start, cancellationToken).ConfigureAwait(false);
        InstanceChanges.Notify();
        OrchestrationWork.Notify();
    }

    /// <summary>Queues an execution's start; its id is derived from the execution, so a repeated send is dropped as a duplicate.</summary>
    private Task SendStartAsync(ExecutionStarted start, CancellationToken cancellationToken) =>
        SendAsync(Outbound(new OrchestrationMessage(start.InstanceId, start.ExecutionId, start, start.ScheduledStartTime), "start-" + start.ExecutionId), cancellationToken);

    private async Task<InstanceState?> ReadSentinelAsync(string instanceId, CancellationToken cancellationToken)
    {
        var result = await _history.ExecuteAsync(
            TableOperation.Retrieve(TableKeys.Escape(instanceId), InstanceState.SentinelRowKey), null, null, cancellationToken).ConfigureAwait(false);
        return result.Result is DynamicTableEntity entity ? InstanceState.FromEntity(entity) : null;
    }
}
