using System.Globalization;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The model registry in one Azure table (<c>{hub}ModelRegistry</c>, created on first use), all in one partition
/// so that a change, the sequence head and the change's audit rows commit in one entity group transaction.
/// Optimistic concurrency: a change reads the head, decides from the rows it reads after it, and commits only
/// if the head still has the ETag it read; on 412/409 it reads again and decides again. So several hosts can
/// share the table and still get distinct consecutive version numbers and one global audit order. Within one
/// registry, changes also queue on a semaphore, so only other hosts cause retries. Rules, error messages and
/// audit wording are the same as <see cref="SqliteModelRegistry"/>'s. See README.md in this folder for the rows.
/// </summary>
internal sealed partial class TableModelRegistry : IModelRegistry
{
    /// <summary>How often a change is decided again after losing a race before it gives up.</summary>
    public const int MaxAttempts = 50;

    private readonly CloudTable _table;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changeGate = new(1, 1);
    private volatile bool _tableExists;

    /// <summary>A registry over <paramref name="table"/> that stamps times with <paramref name="time"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public TableModelRegistry(CloudTable table, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        _table = table;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs one change: reads the head, lets <paramref name="decide"/> read what it needs and decide, and commits
    /// the decision with the next sequence in one batch guarded by the head's ETag; decides again after a lost race.
    /// </summary>
    private async Task<T> ChangeAsync<T>(
        string model, Func<DateTimeOffset, CancellationToken, Task<RegistryChange<T>>> decide, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        await _changeGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                // The head is read first: any change committed after this read moves its ETag, so the batch below
                // fails instead of committing a decision made on rows that changed meanwhile.
                var head = await ReadHeadAsync(cancellationToken).ConfigureAwait(false);
                var change = await decide(_time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                if (change.Audit is null)
                {
                    return change.Result;
                }

                var changeId = Guid.NewGuid().ToString("N");
                var entry = change.Audit with { Sequence = head.NextSequence };
                var batch = new TableBatchOperation { RegistryEntities.SaveHead(head, changeId) };
                foreach (var operation in change.Operations)
                {
                    batch.Add(operation);
                }

                batch.Insert(RegistryEntities.AuditEntity(RegistryRowKeys.Audit(entry.Sequence), entry, changeId));
                batch.Insert(RegistryEntities.AuditEntity(RegistryRowKeys.ModelAudit(entry.Model, entry.Sequence), entry, changeId));
                try
                {
                    await _table.ExecuteBatchAsync(batch, null, null, cancellationToken).ConfigureAwait(false);
                    return change.Result;
                }
                catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
                {
                    throw StorageErrors.Cancelled(error, cancellationToken);
                }
                catch (StorageException error) when (StorageErrors.IsUnreachable(error))
                {
                    throw StorageErrors.Unreachable(error, _table.ServiceClient.BaseUri);
                }
                catch (StorageException error) when (StorageErrors.IsLostRace(error))
                {
                    // The client library retries a batch whose reply it did not get; if the first try committed,
                    // the retry fails on the ETag. The audit row tells whether this change is in.
                    if (await CommittedAsync(entry.Sequence, changeId, cancellationToken).ConfigureAwait(false))
                    {
                        return change.Result;
                    }

                    if (attempt == MaxAttempts)
                    {
                        throw new ModelRegistryConflictException(
                            model,
                            string.Create(
                                CultureInfo.InvariantCulture,
                                $"Model '{model}': the registry table '{_table.Name}' changed under this change {MaxAttempts} times in a row (other hosts are writing it); try again."));
                    }
                }

                // Losers of a race spread out so they do not collide again. Real time on purpose: the registry's
                // TimeProvider stamps entries and may be a test clock that never moves by itself.
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * Math.Min(attempt, 10))), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _changeGate.Release();
        }
    }

    private async Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        if (!_tableExists)
        {
            try
            {
                await _table.CreateIfNotExistsAsync(null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
            {
                throw StorageErrors.Cancelled(error, cancellationToken);
            }
            catch (StorageException error) when (StorageErrors.IsUnreachable(error))
            {
                throw StorageErrors.Unreachable(error, _table.ServiceClient.BaseUri);
            }

            _tableExists = true;
        }
    }

    private async Task<RegistryHead> ReadHeadAsync(CancellationToken cancellationToken) =>
        await RetrieveAsync(RegistryRowKeys.Head, cancellationToken).ConfigureAwait(false) is { } entity
            ? RegistryEntities.ReadHead(entity)
            : RegistryHead.Empty;

    private async Task<bool> CommittedAsync(long sequence, string changeId, CancellationToken cancellationToken) =>
        await RetrieveAsync(RegistryRowKeys.Audit(sequence), cancellationToken).ConfigureAwait(false) is { } entity
        && RegistryEntities.ReadChangeId(entity) == changeId;

    /// <summary>The model's row, or null when the model has no version.</summary>
    private async Task<ModelRow?> FindModelAsync(string model, CancellationToken cancellationToken) =>
        await RetrieveAsync(RegistryRowKeys.Model(model), cancellationToken).ConfigureAwait(false) is { } entity
            ? RegistryEntities.ReadModel(entity)
            : null;

    private async Task<ModelRow> RequireModelAsync(string model, CancellationToken cancellationToken) =>
        await FindModelAsync(model, cancellationToken).ConfigureAwait(false) ?? throw new ModelNotFoundException(model);

    /// <summary>One row of the partition, or null when it does not exist.</summary>
    private async Task<DynamicTableEntity?> RetrieveAsync(string rowKey, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _table.ExecuteAsync(TableOperation.Retrieve(RegistryRowKeys.Partition, rowKey), null, null, cancellationToken).ConfigureAwait(false);
            return result.Result as DynamicTableEntity;
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error) when (StorageErrors.IsUnreachable(error))
        {
            throw StorageErrors.Unreachable(error, _table.ServiceClient.BaseUri);
        }
    }

    /// <summary>The rows whose keys start with <paramref name="prefix"/> and come after <paramref name="after"/> (when given), in key order, at most <paramref name="limit"/>.</summary>
    private async Task<List<DynamicTableEntity>> RangeAsync(
        string prefix, string? after, int limit, CancellationToken cancellationToken, string? extraFilter = null)
    {
        var filter = TableQuery.CombineFilters(
            TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, RegistryRowKeys.Partition),
            TableOperators.And,
            TableQuery.CombineFilters(
                TableQuery.GenerateFilterCondition("RowKey", after is null ? QueryComparisons.GreaterThanOrEqual : QueryComparisons.GreaterThan, after ?? prefix),
                TableOperators.And,
                TableQuery.GenerateFilterCondition("RowKey", QueryComparisons.LessThan, RegistryRowKeys.End(prefix))));
        if (extraFilter is not null)
        {
            filter = TableQuery.CombineFilters(filter, TableOperators.And, extraFilter);
        }

        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var query = new TableQuery { FilterString = filter, TakeCount = Math.Min(limit - rows.Count, 1000) };
            TableQuerySegment segment;
            try
            {
                segment = await _table.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
            {
                throw StorageErrors.Cancelled(error, cancellationToken);
            }
            catch (StorageException error) when (StorageErrors.IsUnreachable(error))
            {
                throw StorageErrors.Unreachable(error, _table.ServiceClient.BaseUri);
            }

            rows.AddRange(segment.Results);
            token = segment.ContinuationToken;
        }
        while (token is not null && rows.Count < limit);

        return rows.Count > limit ? rows[..limit] : rows;
    }
}
