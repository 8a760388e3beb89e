using Microsoft.Extensions.Logging;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Worker;

/// <summary>
/// The fetch loop both dispatchers share: take free slots, lock work for them, run each item on the thread
/// pool, and when there is none wait for the store's signal (or the poll interval). On stop it fetches no
/// more and waits for the items in flight to finish, so nothing is lost and nothing committed twice.
/// </summary>
internal sealed class DispatchLoop<TItem>(
    string name,
    int concurrency,
    WorkSignal signal,
    TimeSpan pollInterval,
    TimeProvider time,
    ILogger logger,
    Func<int, CancellationToken, Task<IReadOnlyList<TItem>>> fetch,
    Func<TItem, Task> process)
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    public async Task RunAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        var inFlight = new HashSet<Task>();
        var backoff = TimeSpan.FromMilliseconds(100);
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
                    backoff = TimeSpan.FromMilliseconds(100);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    slots.Release(free);
                    Log.StoreUnavailable(logger, ex, name, backoff);
                    await Task.Delay(backoff, time, stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
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
