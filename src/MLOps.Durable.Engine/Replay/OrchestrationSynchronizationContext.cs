namespace MLOps.Durable.Replay;

/// <summary>
/// Runs every continuation of orchestrator code on the executor's own thread, one at a time, in the order
/// they were posted: the single-threaded scheduler that makes replay deterministic.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _gate = new();

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            _queue.Enqueue((d, state));
        }
    }

    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Orchestrator code cannot block on a synchronization context.");

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs <paramref name="start"/> and then every continuation it causes, until none is left.</summary>
    public void Run(Action start)
    {
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            start();
            while (TryDequeue(out var item))
            {
                item.Callback(item.State);
            }
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) item)
    {
        lock (_gate)
        {
            return _queue.TryDequeue(out item);
        }
    }
}
