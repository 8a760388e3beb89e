using Microsoft.Extensions.Logging;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>
/// The fetch loop both dispatchers share: take free slots, lock work for them, run each item on the thread
/// pool, and when there is none wait for the store's signal (or the poll interval). When the store cannot be
/// reached it waits with <see cref="RetryBackoff"/> (capped, jittered, reset by the next success) instead of
/// spinning, and logs each failure and the recovery. On stop it fetches no more and waits for the items in
/// flight to finish, so nothing is lost and nothing committed twice.
/// </summary>
internal sealed class DispatchLoop<TItem>(
    string name,
    int concurrency,
    WorkSignal signal,
    TimeSpan pollInterval,
    TimeProvider time,
    ILogger logger,
    Func<int, CancellationToken, Task<IReadOnlyList<TItem>>> fetch,
    Func<TItem, Task> process,
    RetryBackoff? backoff = null)
{
    private readonly RetryBackoff _backoff = backoff ?? RetryBackoff.ForStore();

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var inFlight = new HashSet<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                var free = 1;
                while (free < concurrency && slots.Wait(0))
                {
                    free++;
                }

                var seen = signal.Version;
                var pollDeadline = time.GetUtcNow() + pollInterval;
                IReadOnlyList<TItem> items;
                try
                {
                    items = await fetch(free, stoppingToken).ConfigureAwait(false);
                    if (_backoff.Failures > 0)
                    {
                        Log.StoreReachable(logger, name, _backoff.Failures);
                        _backoff.Reset();
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    await WaitAfterFailureAsync(ex, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                if (items.Count < free)
                {
                    slots.Release(free - items.Count);
                }

                foreach (var item in items)
                {
                    var task = RunItemAsync(item, slots);
                    inFlight.RemoveWhere(t => t.IsCompleted);
                    inFlight.Add(task);
                }

                if (items.Count == 0)
                {
                    await signal.WaitUntilAsync(seen, pollDeadline, stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: fall through and let the items in flight finish.
        }

        await Task.WhenAll(inFlight).ConfigureAwait(false);
    }

    private Task WaitAfterFailureAsync(Exception error, CancellationToken stoppingToken)
    {
        var delay = _backoff.NextDelay();
        if (_backoff.Failures == 1)
        {
            Log.StoreUnavailable(logger, error, name, delay);
        }
        else
        {
            Log.StoreStillUnavailable(logger, name, _backoff.Failures, error.Message, delay);
        }

        return Task.Delay(delay, time, stoppingToken);
    }

    private async Task RunItemAsync(TItem item, SemaphoreSlim slots)
    {
        try
        {
            await Task.Run(() => process(item), CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
