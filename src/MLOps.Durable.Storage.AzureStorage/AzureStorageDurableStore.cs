using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using Microsoft.WindowsAzure.Storage.Queue;
using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// The Azure Storage backend: a task hub in queues, tables and blobs of one storage account (Azurite
/// locally), shared by any number of workers. Instances are spread over control queues; a worker reads the
/// queues whose partition lease it holds, so an instance has one owner at a time and its lock lives in that
/// worker's memory. Episodes commit history, status and an outbox in one table batch under the sentinel's
/// ETag, then send the outbox. Delivery is at least once; duplicates are dropped by message id. See README.md
/// for the layout and the commit protocol.
/// </summary>
public sealed partial class AzureStorageDurableStore : IDurableStore, IAsyncDisposable
{
    /// <summary>How often an owned partition's queue and timers are read when nothing in this process hinted at work.</summary>
    private static readonly TimeSpan IdlePoll = TimeSpan.FromMilliseconds(250);

    private readonly AzureStorageOptions _options;
    private readonly TaskHubNames _names;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CloudQueue[] _controlQueues;
    private readonly CloudQueue _workItems;
    private readonly CloudQueue _poison;
    private readonly CloudTable _history;
    private readonly CloudTable _instances;
    private readonly CloudTable _timers;
    private readonly CloudTable _hostState;
    private readonly CloudTable _workersTable;
    private readonly CloudBlobContainer _leaseContainer;
    private readonly PayloadStore _payloads;
    private readonly Lock _startGate = new();
    private Task? _created;
    private Task? _leasesStarted;
    private PartitionLeases? _leases;

    /// <summary>Creates a store for the hub; queues, tables and containers are created on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public AzureStorageDurableStore(AzureStorageOptions options, ILoggerFactory? loggerFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _names = new TaskHubNames(options.TaskHubName);
        _time = options.TimeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("MLOps.Durable.Storage.AzureStorage");
        WorkerId = options.WorkerId ?? $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
        var account = AzureStorageAccount.Parse(options.ConnectionString);
        var queues = ClientRetry.CreateQueueClient(account);
        var tables = ClientRetry.CreateTableClient(account);
        var blobs = ClientRetry.CreateBlobClient(account);
        _controlQueues = Enumerable.Range(0, options.PartitionCount).Select(p => queues.GetQueueReference(_names.ControlQueue(p))).ToArray();
        _workItems = queues.GetQueueReference(_names.WorkItemQueue);
        _poison = queues.GetQueueReference(_names.PoisonQueue);
        _history = tables.GetTableReference(_names.HistoryTable);
        _instances = tables.GetTableReference(_names.InstancesTable);
        _timers = tables.GetTableReference(_names.TimersTable);
        _hostState = tables.GetTableReference(_names.HostStateTable);
        _workersTable = tables.GetTableReference(_names.WorkersTable);
        _leaseContainer = blobs.GetContainerReference(_names.LeaseContainer);
        _payloads = new PayloadStore(blobs.GetContainerReference(_names.PayloadContainer));
        OrchestrationWork = new WorkSignal(_time);
        ActivityWork = new WorkSignal(_time);
        InstanceChanges = new WorkSignal(_time);
    }

    /// <inheritdoc />
    public WorkSignal OrchestrationWork { get; }

    /// <inheritdoc />
    public WorkSignal ActivityWork { get; }

    /// <inheritdoc />
    public WorkSignal InstanceChanges { get; }

    /// <summary>This worker's name in the lease blobs and the workers table.</summary>
    public string WorkerId { get; }

    /// <summary>The control partitions this worker holds now (empty until it first looks for orchestration work).</summary>
    public IReadOnlyList<int> OwnedPartitions => _leases?.Owned() ?? [];

    /// <summary>The partition (control queue index) an instance belongs to: FNV-1a of its UTF-8 id, modulo the count.</summary>
    public static int PartitionOf(string instanceId, int partitionCount)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        var hash = 2166136261u;
        foreach (var b in Encoding.UTF8.GetBytes(instanceId))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % (uint)partitionCount);
    }

    /// <inheritdoc />
    public Task InitializeAsync(CancellationToken cancellationToken = default) => EnsureCreatedAsync(cancellationToken);

    /// <summary>Releases this worker's leases so that the others take its partitions at once.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_leases is not null)
        {
            await _leases.DisposeAsync().ConfigureAwait(false);
        }
    }

    private int PartitionOf(string instanceId) => PartitionOf(instanceId, _controlQueues.Length);

    private Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        lock (_startGate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = CreateAsync(cancellationToken);
            }

            return _created;
        }
    }

    private async Task CreateAsync(CancellationToken cancellationToken)
    {
        try
        {
            await CreateResourcesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException ex) when (StorageUnreachable.Is(ex))
        {
            throw StorageUnreachable.Error(ex, _workItems.ServiceClient.BaseUri);
        }
    }

    private async Task CreateResourcesAsync(CancellationToken cancellationToken)
    {
        // One request without the client's retries first, so that an account that is not there is reported at once.
        await _workItems.CreateIfNotExistsAsync(new QueueRequestOptions { RetryPolicy = new Microsoft.WindowsAzure.Storage.RetryPolicies.NoRetry() }, null, cancellationToken).ConfigureAwait(false);
        var queues = _controlQueues.Append(_workItems).Append(_poison)
            .Select(q => q.CreateIfNotExistsAsync(null, null, cancellationToken));
        var tables = new[] { _history, _instances, _timers, _hostState, _workersTable }
            .Select(t => t.CreateIfNotExistsAsync(null, null, cancellationToken));
        var containers = new[] { _leaseContainer, _payloads.Container }
            .Select(c => c.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, cancellationToken));
        await Task.WhenAll(queues.Concat(tables).Concat(containers)).ConfigureAwait(false);
        await CheckPartitionCountAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The partition count is fixed when the hub is created: instances would move queues otherwise.</summary>
    private async Task CheckPartitionCountAsync(CancellationToken cancellationToken)
    {
        var blob = _leaseContainer.GetBlockBlobReference("taskhub.json");
        var info = JsonSerializer.Serialize(new { partitionCount = _controlQueues.Length, createdAt = DateTimeOffset.UtcNow });
        try
        {
            await blob.UploadTextAsync(info, Encoding.UTF8, AccessCondition.GenerateIfNotExistsCondition(), null, null, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (StorageException ex) when (PartitionLeases.IsStatus(ex, HttpStatusCode.Conflict) || PartitionLeases.IsStatus(ex, HttpStatusCode.PreconditionFailed))
        {
            // The hub exists: compare below.
        }

        using var existing = JsonDocument.Parse(await blob.DownloadTextAsync(Encoding.UTF8, null, null, null, cancellationToken).ConfigureAwait(false));
        var count = existing.RootElement.GetProperty("partitionCount").GetInt32();
        if (count != _controlQueues.Length)
        {
            throw new InvalidOperationException(
                $"Task hub '{_names.Hub}' was created with partitionCount {count}; this host asks for {_controlQueues.Length}. " +
                $"The count cannot change once the hub exists: set partitionCount to {count}, or use a new hub name.");
        }
    }

    /// <summary>Starts taking partition leases; only workers that look for orchestration work hold partitions.</summary>
    private Task EnsureLeasesAsync(CancellationToken cancellationToken)
    {
        lock (_startGate)
        {
            if (_leasesStarted is null || _leasesStarted.IsFaulted || _leasesStarted.IsCanceled)
            {
                _leasesStarted = StartLeasesAsync(cancellationToken);
            }

            return _leasesStarted;
        }
    }

    private async Task StartLeasesAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var leases = new PartitionLeases(_leaseContainer, _workersTable, _controlQueues.Length, _options.LeaseDuration, WorkerId, _logger);
        leases.PartitionLost += OnPartitionLost;
        _leases = leases;
        await leases.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    private static bool IsStatus(StorageException ex, HttpStatusCode status) => PartitionLeases.IsStatus(ex, status);
}
