namespace MLOps.Durable.Storage;

/// <summary>A storage backend: the narrow contracts together, plus schema creation.</summary>
public interface IDurableStore : IOrchestrationQueue, IActivityQueue, IInstanceStore, IHostStateStore
{
    /// <summary>Creates or upgrades the store's schema; safe to call more than once.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);
}
