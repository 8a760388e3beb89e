namespace MLOps.Durable.Storage;

/// <summary>Reading, querying and purging instances.</summary>
public interface IInstanceStore
{
    /// <summary>Signalled whenever an instance changes in this process (clients wait on it).</summary>
    WorkSignal InstanceChanges { get; }

    /// <summary>The instance, or null; inputs, outputs and custom status only when asked for.</summary>
    Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default);

    /// <summary>One page of instances matching the query, ordered by instance id.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>Deletes a terminal instance with its history; false when there is no such instance.</summary>
    /// <exception cref="InstanceNotTerminalException">The instance has not finished.</exception>
    Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the terminal instances the filter selects; returns how many.</summary>
    Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default);
}
