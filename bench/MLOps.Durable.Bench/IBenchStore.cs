using MLOps.Durable.Storage;

namespace MLOps.Durable.Bench;

/// <summary>A backend the scenarios run on: a fresh store per scenario, and what counts as one storage operation on it.</summary>
internal interface IBenchStore
{
    /// <summary>A new, empty store for <paramref name="scenario"/>.</summary>
    IDurableStore Create(string scenario, IServiceProvider services);

    /// <summary>Completes once the started worker can take work at full speed (for Azure Storage: it holds every partition).</summary>
    Task WaitUntilReadyAsync(IDurableStore store, CancellationToken cancellationToken = default);

    /// <summary>The operations counted so far, to subtract across a timed run.</summary>
    StoreOperations CountOperations(IDurableStore store);
}
