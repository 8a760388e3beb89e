using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using MLOps.Durable.History;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>
/// Locks activity requests in batches, runs them, and commits their results in batches: every result that
/// is ready when the committer comes round goes into one store transaction.
/// </summary>
internal sealed class ActivityDispatcher(WorkerServices worker)
{
    private const int MaxCommitBatch = 1_000;
    private readonly ILogger _logger = worker.LoggerFactory.CreateLogger("MLOps.Durable.Worker.Activities");
    private readonly Channel<ActivityCompletion> _completions = Channel.CreateUnbounded<ActivityCompletion>(
        new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Runs until <paramref name="stoppingToken"/>; <paramref name="abortToken"/> cancels running activities.</summary>
    public async Task RunAsync(CancellationToken stoppingToken, CancellationToken abortToken)
    {
        var committer = CommitLoopAsync();
        try
        {
            await new DispatchLoop<ActivityWorkItem>(
                "activity",
                worker.Options.MaxConcurrentActivities,
                worker.Store.ActivityWork,
                worker.Options.PollInterval,
                worker.Time,
                _logger,
                (free, ct) => worker.Store.LockNextActivitiesAsync(Math.Min(free, worker.Options.ActivityBatchSize), worker.Options.LockDuration, ct),
                item => ProcessAsync(item, abortToken)).RunAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            _completions.Writer.TryComplete();
            await committer.ConfigureAwait(false);
        }
    }

    private async Task ProcessAsync(ActivityWorkItem item, CancellationToken abortToken)
    {
        var message = item.Message;
        using var renewal = CancellationTokenSource.CreateLinkedTokenSource(abortToken);
        var renewing = RenewLockAsync(item, renewal.Token);
        HistoryEvent? outcome = null;
        StoreUnavailableException? unavailable = null;
        try
        {
            outcome = await RunActivityAsync(message, item.DequeueCount, abortToken).ConfigureAwait(false);
        }
        catch (StoreUnavailableException ex)
        {
            unavailable = ex;
        }
        catch (OperationCanceledException) when (abortToken.IsCancellationRequested)
        {
            Log.ActivityAbandoned(_logger, message.Name, message.TaskId, message.InstanceId);
            await renewal.CancelAsync().ConfigureAwait(false);
            await worker.Store.AbandonActivityAsync(item, CancellationToken.None).ConfigureAwait(false);
            return;
        }
        finally
        {
            await renewal.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }

        if (outcome is null)
        {
            // The store the activity works on is down: that is not the activity's outcome, and recording it would
            // spend the orchestration's retries on an outage. The request stays locked (no longer renewed) and runs
            // again when the lock expires; abandoning it would only fail too, or make it spin while the store is down.
            Log.ActivityStoreUnavailable(_logger, message.Name, message.TaskId, message.InstanceId, unavailable!.Message, worker.Options.LockDuration);
            return;
        }

        var result = new OrchestrationMessage(message.InstanceId, message.ExecutionId, outcome);
        await _completions.Writer.WriteAsync(new ActivityCompletion(item, result), CancellationToken.None).ConfigureAwait(false);
    }

    private async Task<HistoryEvent> RunActivityAsync(ActivityMessage message, int deliveryCount, CancellationToken abortToken)
    {
        var activity = worker.Registry.CreateActivity(message.Name, worker.Services);
        if (activity is null)
        {
            return Failed(message, worker.Registry.UnknownActivity(message.Name));
        }

        object? input;
        try
        {
            input = worker.Converter.Deserialize(message.Input, activity.InputType);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or InvalidOperationException)
        {
            return Failed(message, new InputDeserializationException($"activity '{message.Name}'", activity.InputType, message.Input, ex));
        }

        try
        {
            var context = new TaskActivityContext(message.Name, message.InstanceId, message.TaskId, deliveryCount, abortToken);
            var output = await activity.RunAsync(context, input).ConfigureAwait(false);
            return new TaskCompleted(worker.Time.GetUtcNow(), message.TaskId, worker.Converter.Serialize(output));
        }
        catch (Exception ex) when (FindStoreUnavailable(ex) is { } unavailable)
        {
            throw unavailable;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !abortToken.IsCancellationRequested)
        {
            return Failed(message, ex);
        }
    }

    /// <summary>A <see cref="StoreUnavailableException"/> the activity threw, directly or as an inner exception.</summary>
    private static StoreUnavailableException? FindStoreUnavailable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is StoreUnavailableException unavailable)
            {
                return unavailable;
            }

            if (current is AggregateException aggregate)
            {
                return aggregate.InnerExceptions.Select(FindStoreUnavailable).FirstOrDefault(e => e is not null);
            }
        }

        return null;
    }

    private TaskFailed Failed(ActivityMessage message, Exception exception)
    {
        Log.ActivityFailed(_logger, message.Name, message.TaskId, message.InstanceId, exception.Message);
        return new TaskFailed(worker.Time.GetUtcNow(), message.TaskId, FailureDetails.FromException(exception));
    }

    private async Task RenewLockAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await Task.Delay(worker.Options.LockDuration / 2, worker.Time, cancellationToken).ConfigureAwait(false);
                bool renewed;
                try
                {
                    renewed = await worker.Store.RenewActivityLockAsync(item, worker.Options.LockDuration, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    // The store is unreachable: the activity keeps running and its result is still committed if the
                    // lock holds out; otherwise another delivery runs it again and the first result wins.
                    Log.ActivityLockRenewalFailed(_logger, item.Message.Name, item.Message.TaskId, item.Message.InstanceId, ex.Message);
                    continue;
                }

                if (!renewed)
                {
                    Log.ActivityLockLost(_logger, item.Message.Name, item.Message.TaskId, item.Message.InstanceId);
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The activity finished.
        }
    }

    private async Task CommitLoopAsync()
    {
        var reader = _completions.Reader;
        var batch = new List<ActivityCompletion>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < MaxCommitBatch && reader.TryRead(out var completion))
            {
                batch.Add(completion);
            }

            await CommitAsync(batch).ConfigureAwait(false);
            batch.Clear();
        }
    }

    /// <summary>
    /// Commits a batch of results, retrying with <see cref="RetryBackoff"/> while the activities' locks last: past
    /// that the requests are delivered again anyway, so the results are given up and the activities run again.
    /// </summary>
    private async Task CommitAsync(List<ActivityCompletion> batch)
    {
        var backoff = RetryBackoff.ForStore();
        var giveUpAt = worker.Time.GetUtcNow() + worker.Options.LockDuration;
        while (true)
        {
            try
            {
                await worker.Store.CompleteActivitiesAsync(batch, CancellationToken.None).ConfigureAwait(false);
                if (backoff.Failures > 0)
                {
                    Log.StoreReachable(_logger, "activity result", backoff.Failures);
                }

                return;
            }
            catch (Exception ex)
            {
                var delay = backoff.NextDelay();
                if (worker.Time.GetUtcNow() + delay >= giveUpAt)
                {
                    // The results are lost but the requests are not: their locks expire and they run again.
                    Log.ActivityResultsLost(_logger, ex, batch.Count, backoff.Failures);
                    return;
                }

                if (backoff.Failures == 1)
                {
                    Log.StoreUnavailable(_logger, ex, "activity result", delay);
                }
                else
                {
                    Log.StoreStillUnavailable(_logger, "activity result", backoff.Failures, ex.Message, delay);
                }

                await Task.Delay(delay, worker.Time).ConfigureAwait(false);
            }
        }
    }
}
