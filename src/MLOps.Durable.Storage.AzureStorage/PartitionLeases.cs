using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Table;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Which control queues this worker reads. A worker owns a partition while it holds the blob lease on
/// <c>{hub}-leases/control-NN</c>; it renews its leases every third of the lease duration, takes free or
/// expired ones, and balances: every worker heartbeats its partition count into the workers table, and one
/// holding more than its fair share releases a lease that a worker below its share then takes. Leases run on
/// the real clock (they expire in Azure Storage), whatever clock the store uses for timers.
/// </summary>
internal sealed class PartitionLeases : IAsyncDisposable
{
    private readonly CloudBlobContainer _container;
    private readonly CloudTable _workers;
    private readonly int _count;
    private readonly TimeSpan _duration;
    private readonly string _workerId;
    private readonly string _leaseId = Guid.NewGuid().ToString();
    private readonly ILogger _logger;
    private readonly bool[] _owned;
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;

    public PartitionLeases(CloudBlobContainer container, CloudTable workers, int count, TimeSpan duration, string workerId, ILogger logger)
    {
        _container = container;
        _workers = workers;
        _count = count;
        _duration = duration;
        _workerId = workerId;
        _logger = logger;
        _owned = new bool[count];
    }

    /// <summary>Raised (on the lease loop) when a partition is released or its lease was lost.</summary>
    public event Action<int>? PartitionLost;

    /// <summary>How often leases are renewed and balance is checked.</summary>
    public TimeSpan Interval => _duration / 3;

    public bool Owns(int partition)
    {
        lock (_gate)
        {
            return _owned[partition];
        }
    }

    public IReadOnlyList<int> Owned()
    {
        lock (_gate)
        {
            return Enumerable.Range(0, _count).Where(p => _owned[p]).ToList();
        }
    }

    /// <summary>Creates the lease blobs, takes a first share of partitions, then keeps renewing in the background.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, _count).Select(async p =>
        {
            var blob = _container.GetBlockBlobReference(TaskHubNames.LeaseBlob(p));
            if (!await blob.ExistsAsync(null, null, cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await blob.UploadTextAsync(string.Empty, null, AccessCondition.GenerateIfNotExistsCondition(), null, null, cancellationToken).ConfigureAwait(false);
                }
                catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.Conflict) || IsStatus(ex, HttpStatusCode.PreconditionFailed))
                {
                    // Another worker created it first.
                }
            }
        })).ConfigureAwait(false);
        await CycleAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>Stops renewing and releases every lease, so that other workers take the partitions at once.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        await Task.WhenAll(Owned().Select(ReleaseAsync)).ConfigureAwait(false);
        try
        {
            await _workers.ExecuteAsync(TableOperation.Delete(new DynamicTableEntity("workers", _workerId) { ETag = "*" })).ConfigureAwait(false);
        }
        catch (StorageException)
        {
            // The heartbeat row ages out on its own.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, TimeProvider.System, stoppingToken).ConfigureAwait(false);
                await CycleAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.LeaseCycleFailed(_logger, ex, _workerId);
            }
        }
    }

    private async Task CycleAsync(CancellationToken cancellationToken)
    {
        await Task.WhenAll(Owned().Select(p => RenewAsync(p, cancellationToken))).ConfigureAwait(false);
        var others = await ReadOtherWorkersAsync(cancellationToken).ConfigureAwait(false);
        var workers = others.Count + 1;
        var floor = _count / workers;
        var ceiling = (_count + workers - 1) / workers;
        var owned = Owned();

        // Give back what is above our share: all above the ceiling, one above the floor while someone is below it.
        var starving = others.Any(o => o < floor);
        var keep = owned.Count > ceiling ? ceiling : starving && owned.Count > floor ? owned.Count - 1 : owned.Count;
        foreach (var partition in owned.Skip(keep))
        {
            await ReleaseAsync(partition).ConfigureAwait(false);
        }

        var target = starving ? floor : ceiling;
        foreach (var partition in Enumerable.Range(0, _count).Where(p => !Owns(p)))
        {
            if (Owned().Count >= Math.Max(target, 1))
            {
                break;
            }

            await TryAcquireAsync(partition, cancellationToken).ConfigureAwait(false);
        }

        await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<List<int>> ReadOtherWorkersAsync(CancellationToken cancellationToken)
    {
        var cutoff = DateTimeOffset.UtcNow - (2 * _duration);
        var query = new TableQuery<DynamicTableEntity>().Where(TableQuery.GenerateFilterCondition("PartitionKey", QueryComparisons.Equal, "workers"));
        var counts = new List<int>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await _workers.ExecuteQuerySegmentedAsync(query, token, null, null, cancellationToken).ConfigureAwait(false);
            token = segment.ContinuationToken;
            counts.AddRange(segment.Results
                .Where(w => w.RowKey != _workerId && w.Properties["Heartbeat"].DateTimeOffsetValue > cutoff)
                .Select(w => w.Properties["Owned"].StringValue.Split(',', StringSplitOptions.RemoveEmptyEntries).Length));
        }
        while (token is not null);
        return counts;
    }

    private Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        var row = new DynamicTableEntity("workers", _workerId);
        row.Properties["Heartbeat"] = new EntityProperty(DateTimeOffset.UtcNow);
        row.Properties["Owned"] = new EntityProperty(string.Join(',', Owned()));
        return _workers.ExecuteAsync(TableOperation.InsertOrReplace(row), null, null, cancellationToken);
    }

    private async Task RenewAsync(int partition, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(partition).RenewLeaseAsync(AccessCondition.GenerateLeaseCondition(_leaseId), null, null, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.Conflict) || IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            Log.LeaseLost(_logger, partition, _workerId);
            SetOwned(partition, false);
        }
    }

    private async Task TryAcquireAsync(int partition, CancellationToken cancellationToken)
    {
        try
        {
            await Blob(partition).AcquireLeaseAsync(_duration, _leaseId, null, null, null, cancellationToken).ConfigureAwait(false);
            SetOwned(partition, true);
            Log.LeaseAcquired(_logger, partition, _workerId);
        }
        catch (StorageException ex) when (IsStatus(ex, HttpStatusCode.Conflict))
        {
            // Leased by another worker.
        }
    }

    private async Task ReleaseAsync(int partition)
    {
        SetOwned(partition, false);
        try
        {
            await Blob(partition).ReleaseLeaseAsync(AccessCondition.GenerateLeaseCondition(_leaseId)).ConfigureAwait(false);
            Log.LeaseReleased(_logger, partition, _workerId);
        }
        catch (StorageException)
        {
            // Already expired or taken: nothing to give back.
        }
    }

    private void SetOwned(int partition, bool owned)
    {
        bool changed;
        lock (_gate)
        {
            changed = _owned[partition] != owned;
            _owned[partition] = owned;
        }

        if (changed && !owned)
        {
            PartitionLost?.Invoke(partition);
        }
    }

    private CloudBlockBlob Blob(int partition) => _container.GetBlockBlobReference(TaskHubNames.LeaseBlob(partition));

    internal static bool IsStatus(StorageException ex, HttpStatusCode status) => ex.RequestInformation?.HttpStatusCode == (int)status;
}
