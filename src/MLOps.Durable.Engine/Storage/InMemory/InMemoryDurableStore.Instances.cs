namespace MLOps.Durable.Storage.InMemory;

public sealed partial class InMemoryDurableStore
{
    /// <inheritdoc />
    public Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var row = _instances.TryGetValue(instanceId, out var entry) ? Shape(entry.Row, includePayloads) : null;
            return Task.FromResult(row);
        }
    }

    /// <inheritdoc />
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize, "query.PageSize");
        var after = InstanceQueryToken.Decode(query.ContinuationToken);
        lock (_gate)
        {
            var matches = _instances.Values
                .Select(e => e.Row)
                .Where(r => after is null || string.CompareOrdinal(r.InstanceId, after) > 0)
                .Where(r => InstanceQueryToken.Matches(query, r))
                .OrderBy(r => r.InstanceId, StringComparer.Ordinal)
                .Take(query.PageSize + 1)
                .Select(r => Shape(r, query.FetchInputsAndOutputs))
                .ToList();
            return Task.FromResult(InstanceQueryToken.ToPage(matches, query.PageSize));
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var entry))
            {
                return Task.FromResult(false);
            }

            if (!entry.Row.RuntimeStatus.IsTerminal())
            {
                throw new InstanceNotTerminalException(instanceId, entry.Row.RuntimeStatus, "purge");
            }

            Remove(instanceId);
        }

        InstanceChanges.Notify();
        return Task.FromResult(true);
    }

    /// <inheritdoc />
    public Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        int purged;
        lock (_gate)
        {
            var doomed = _instances.Values
                .Select(e => e.Row)
                .Where(r => InstanceQueryToken.Matches(filter, r))
                .Select(r => r.InstanceId)
                .ToList();
            doomed.ForEach(Remove);
            purged = doomed.Count;
        }

        InstanceChanges.Notify();
        return Task.FromResult(purged);
    }

    private void Remove(string instanceId)
    {
        _instances.Remove(instanceId);
        _instancesWithMessages.Remove(instanceId);
        RemoveActivitiesOf(instanceId);
    }

    private void RemoveActivitiesOf(string instanceId)
    {
        foreach (var id in _activities.Where(a => a.Value.Message.InstanceId == instanceId).Select(a => a.Key).ToList())
        {
            _activities.Remove(id);
        }
    }

    private static OrchestrationInstance Shape(OrchestrationInstance row, bool includePayloads) =>
        includePayloads ? row : row with { SerializedInput = null, SerializedOutput = null, SerializedCustomStatus = null };
}
