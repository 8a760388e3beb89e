namespace MLOps.Durable.Replay;

/// <summary>
/// Runs every continuation of orchestrator code on the executor's own thread, one at a time, in the order
/// they were posted: the single-threaded scheduler that makes replay deterministic.
/// </summary>
internal sealed class OrchestrationSynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _queue = new();
    private readonly Lock _gate = new();
    private Thread? _owner;

    /// <summary>
    /// True once a continuation was posted from a thread that is not running the orchestrator: the code
    /// awaited something that is not a durable task (Task.Delay, Task.Run, I/O).
    /// </summary>
    public bool PostedFromOutside { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        lock (_gate)
        {
            if (_owner != Thread.CurrentThread)
            {
                // Not run: the orchestration is failed for it (see OrchestrationExecutor.Resume).
                PostedFromOutside = true;
                return;
            }

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
        Thread? previousOwner;
        lock (_gate)
        {
            previousOwner = _owner;
            _owner = Thread.CurrentThread;
        }

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
            lock (_gate)
            {
                _owner = previousOwner;
            }

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
