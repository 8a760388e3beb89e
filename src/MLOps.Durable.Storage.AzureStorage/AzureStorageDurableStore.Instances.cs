using System.Net;
using System.Text.Json;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

public sealed partial class AzureStorageDurableStore
{
    private const string HostStatePartition = "host";

    /// <inheritdoc />
    public async Task<OrchestrationInstance?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var result = await _instances.ExecuteAsync(TableOperation.Retrieve(TableKeys.Escape(instanceId), string.Empty), null, null, cancellationToken).ConfigureAwait(false);
        return result.Result is DynamicTableEntity row
            ? await ToInstanceAsync(InstanceState.FromEntity(row), includePayloads, cancellationToken).ConfigureAwait(false)
            : null;
    }

    /// <inheritdoc />
    public async Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var after = InstanceQueryToken.Decode(query.ContinuationToken);
        var rows = await ReadInstancesAsync(query, after, query.PageSize + 1, cancellationToken).ConfigureAwait(false);
        var instances = await Task.WhenAll(rows.Select(r => ToInstanceAsync(r, query.FetchInputsAndOutputs, cancellationToken))).ConfigureAwait(false);
        return InstanceQueryToken.ToPage(instances, query.PageSize);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var state = await ReadSentinelAsync(instanceId, cancellationToken).ConfigureAwait(false);
        if (state is null)
        {
            return false;
        }

        if (!state.Status.IsTerminal())
        {
            throw new InstanceNotTerminalException(instanceId, state.Status, "purge");
        }

        await PurgeAsync(instanceId, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <inheritdoc />
    public async Task<int> PurgeInstancesAsync(PurgeFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var query = new InstanceQuery { Statuses = filter.Statuses, CreatedFrom = filter.CreatedFrom, CreatedTo = filter.CreatedTo };
        var rows = await ReadInstancesAsync(query, null, int.MaxValue, cancellationToken).ConfigureAwait(false);
        var purged = 0;
        foreach (var row in rows)
        {
            var instance = await ToInstanceAsync(row, includePayloads: false, cancellationToken).ConfigureAwait(false);
            if (InstanceQueryToken.Matches(filter, instance))
            {
                await PurgeAsync(row.InstanceId, cancellationToken).ConfigureAwait(false);
                purged++;
            }
        }

        return purged;
    }

    /// <inheritdoc />
    public async Task<string> GetOrAddHostValueAsync(string name, string valueIfAbsent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(valueIfAbsent);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = HostValueRow(name, valueIfAbsent);
        try
        {
            await _hostState.ExecuteAsync(TableOperation.Insert(row), null, null, cancellationToken).ConfigureAwait(false);
            return valueIfAbsent;
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.Conflict))
        {
            var existing = await _hostState.ExecuteAsync(TableOperation.Retrieve(HostStatePartition, row.RowKey), null, null, cancellationToken).ConfigureAwait(false);
            return ((DynamicTableEntity)existing.Result).Properties["Value"].StringValue;
        }
    }

    /// <inheritdoc />
    public async Task SetHostValueAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await _hostState.ExecuteAsync(TableOperation.InsertOrReplace(HostValueRow(name, value)), null, null, cancellationToken).ConfigureAwait(false);
    }

    private static DynamicTableEntity HostValueRow(string name, string value)
    {
        // Row keys compare case-sensitively, as host value names do.
        var row = new DynamicTableEntity(HostStatePartition, TableKeys.Escape(name));
        row.Properties["Value"] = new EntityProperty(value);
        return row;
    }

    /// <summary>Instances rows in id order after <paramref name="after"/>, filtered on the server, at most <paramref name="limit"/>.</summary>
    private async Task<List<InstanceState>> ReadInstancesAsync(InstanceQuery query, string? after, int limit, CancellationToken cancellationToken)
    {
        var filters = new List<string>();
        if (after is not null)
        {
            filters.Add(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThan, TableKeys.Escape(after)));
        }

        if (query.InstanceIdPrefix is { Length: > 0 } prefix)
        {
            var low = TableKeys.Escape(prefix);
            filters.Add(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.GreaterThanOrEqual, low));
            filters.Add(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.LessThan, low + char.MaxValue));
        }

        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ", statuses.Select(s => TableQuery.GenerateFilterConditionForInt("RuntimeStatus", QueryComparisons.Equal, (int)s))) + ")");
        }

        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableQuery.GenerateFilterConditionForDate("CreatedAt", QueryComparisons.GreaterThanOrEqual, from));
        }

        if (query.CreatedTo is { } to)
        {
            filters.Add(TableQuery.GenerateFilterConditionForDate("CreatedAt", QueryComparisons.LessThanOrEqual, to));
        }

        var tableQuery = new TableQuery<DynamicTableEntity>();
        if (filters.Count > 0)
        {
            tableQuery = tableQuery.Where(string.Join(" and ", filters));
        }

        var rows = new List<InstanceState>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await _instances.ExecuteQuerySegmentedAsync(tableQuery, token, null, null, cancellationToken).ConfigureAwait(false);
            token = segment.ContinuationToken;
            rows.AddRange(segment.Results.Select(InstanceState.FromEntity).Where(r => query.InstanceIdPrefix is null || r.InstanceId.StartsWith(query.InstanceIdPrefix, StringComparison.Ordinal)));
        }
        while (token is not null && rows.Count < limit);

        // Escaped keys sort a little differently from the ids they stand for: pages follow the ids.
        return rows.OrderBy(r => r.InstanceId, StringComparer.Ordinal).Take(limit).ToList();
    }

    private async Task PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        var key = TableKeys.Escape(instanceId);
        var query = new TableQuery<DynamicTableEntity>()
            .Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, key))
            .Select(["PartitionKey"]);
        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await _history.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
            token = segment.ContinuationToken;
            rows.AddRange(segment.Results);
        }
        while (token is not null);

        // The instance row goes first so that nothing lists a half-purged instance; the sentinel goes last.
        try
        {
            await _instances.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity(key, string.Empty) { ETag = "*" }), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.NotFound))
        {
            // Never copied, or purged by an earlier attempt.
        }

        foreach (var chunk in rows.OrderBy(r => r.RowKey == InstanceState.SentinelRowKey).Chunk(100))
        {
            var batch = new TableBatchOperation();
            foreach (var row in chunk)
            {
                row.ETag = "*";
                batch.Delete(row);
            }

            await _history.ExecuteBatchAsync(batch, null, null, cancellationToken).ConfigureAwait(false);
        }

        await _payloads.DeleteInstanceAsync(instanceId, cancellationToken).ConfigureAwait(false);
        InstanceChanges.Notify();
    }

    /// <summary>
    /// The instance as the engine sees it: with its payloads, without them (null), or - for work items - with the
    /// stored values themselves, so that an episode that keeps them (a message to a finished instance) writes back
    /// the same references instead of copies.
    /// </summary>
    private async Task<OrchestrationInstance> ToInstanceAsync(InstanceState state, bool includePayloads, CancellationToken cancellationToken, bool references = false)
    {
        var failure = await _payloads.LoadAsync(state.Failure, cancellationToken).ConfigureAwait(false);
        return new OrchestrationInstance
        {
            InstanceId = state.InstanceId,
            Name = state.Name,
            ExecutionId = state.ExecutionId,
            RuntimeStatus = state.Status,
            CreatedAt = state.CreatedAt,
            LastUpdatedAt = state.LastUpdatedAt,
            CompletedAt = state.CompletedAt,
            ScheduledStartTime = state.ScheduledStartTime,
            SerializedInput = includePayloads ? await _payloads.LoadAsync(state.Input, cancellationToken).ConfigureAwait(false) : null,
            SerializedOutput = references ? state.Output : includePayloads ? await _payloads.LoadAsync(state.Output, cancellationToken).ConfigureAwait(false) : null,
            SerializedCustomStatus = references ? state.CustomStatus : includePayloads ? await _payloads.LoadAsync(state.CustomStatus, cancellationToken).ConfigureAwait(false) : null,
            FailureDetails = failure is null ? null : JsonSerializer.Deserialize<FailureDetails>(failure, HistorySerializer.Options),
            ParentInstanceId = state.Parent?.InstanceId,
            HistoryCount = state.HistoryCount,
        };
    }
}
