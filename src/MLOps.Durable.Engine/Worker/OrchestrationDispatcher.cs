using Microsoft.Extensions.Logging;
using MLOps.Durable.History;
using MLOps.Durable.Replay;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>Locks orchestration instances with new messages and runs one episode for each.</summary>
internal sealed class OrchestrationDispatcher(WorkerServices worker)
{
    private const int MaxLockBatch = 16;
    private readonly ILogger _logger = worker.LoggerFactory.CreateLogger("MLOps.Durable.Worker.Orchestrations");
    private readonly OrchestrationSessionCache _sessions = new(worker.Options, worker.Time);

    /// <summary>Cached replay states (extended sessions), for tests and diagnostics.</summary>
    public int CachedSessions => _sessions.Count;

    public Task RunAsync(CancellationToken stoppingToken) =>
        new DispatchLoop<OrchestrationWorkItem>(
            "orchestration",
            worker.Options.MaxConcurrentOrchestrations,
            worker.Store.OrchestrationWork,
            worker.Options.PollInterval,
            worker.Time,
            _logger,
            (free, ct) => worker.Store.LockNextOrchestrationsAsync(Math.Min(free, MaxLockBatch), worker.Options.LockDuration, ct),
            ProcessAsync).RunAsync(stoppingToken);

    /// <summary>Runs one episode and commits it. Never throws: failures are logged and the item abandoned.</summary>
    internal async Task ProcessAsync(OrchestrationWorkItem item)
    {
        var row = item.Instance;
        try
        {
            var episode = await RunEpisodeAsync(item).ConfigureAwait(false);
            await worker.Store.CompleteOrchestrationAsync(item, episode.Commit, CancellationToken.None).ConfigureAwait(false);
            if (episode.Executor is { IsCompleted: false } executor)
            {
                _sessions.Put(executor);
            }
        }
        catch (LockLostException)
        {
            _sessions.Remove(row.InstanceId);
            Log.OrchestrationLockLost(_logger, row.InstanceId);
        }
        catch (Exception ex)
        {
            _sessions.Remove(row.InstanceId);
            Log.EpisodeError(_logger, ex, row.InstanceId);
            try
            {
                await worker.Store.AbandonOrchestrationAsync(item, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abandonError)
            {
                // The store is unreachable too: the lock expires and the messages are delivered again.
                Log.AbandonFailed(_logger, row.InstanceId, abandonError.Message);
            }
        }
    }

    private async Task<(OrchestrationEpisode Commit, OrchestrationExecutor? Executor)> RunEpisodeAsync(OrchestrationWorkItem item)
    {
        var row = item.Instance;
        var rewinding = row.RuntimeStatus == OrchestrationRuntimeStatus.Failed && item.Messages.Any(m => m.Event is ExecutionRewound);
        if (row.RuntimeStatus.IsTerminal() && !rewinding)
        {
            Log.MessagesToFinishedInstance(_logger, row.InstanceId, row.RuntimeStatus, item.Messages.Count);
            return (EpisodeBuilder.ConsumeOnly(row), null);
        }

        var current = item.Messages.Where(m => m.ExecutionId is null || m.ExecutionId == row.ExecutionId).Select(m => m.Event).ToList();
        if (current.Count < item.Messages.Count)
        {
            Log.DroppedStaleMessages(_logger, row.InstanceId, item.Messages.Count - current.Count, row.ExecutionId);
        }

        var executor = rewinding ? null : _sessions.TryTake(row);
        if (executor is null)
        {
            executor = NewExecutor(row.InstanceId);
            executor.Replay(await worker.Store.GetHistoryAsync(row.InstanceId, CancellationToken.None).ConfigureAwait(false), rewinding);
        }

        if (rewinding)
        {
            Log.OrchestrationRewound(_logger, row.InstanceId);
        }

        var result = executor.RunEpisode(worker.Time.GetUtcNow(), current);
        foreach (var dropped in result.DroppedEvents)
        {
            Log.DroppedEvent(_logger, row.InstanceId, dropped.EventType, OrchestrationExecutor.CompletionTarget(dropped));
        }

        if (result.RuntimeStatus.IsTerminal())
        {
            Log.OrchestrationFinished(_logger, row.InstanceId, row.Name, result.RuntimeStatus);
            if (result.Failure is { } failure)
            {
                Log.OrchestrationFailed(_logger, row.InstanceId, failure.ToString());
            }
        }

        return (EpisodeBuilder.Build(row, executor.Start, result, worker.Time.GetUtcNow()), executor);
    }

    private OrchestrationExecutor NewExecutor(string instanceId) => new(
        instanceId,
        name => worker.Registry.CreateOrchestrator(name, worker.Services),
        worker.Registry.UnknownOrchestrator,
        worker.Converter,
        worker.LoggerFactory);
}
