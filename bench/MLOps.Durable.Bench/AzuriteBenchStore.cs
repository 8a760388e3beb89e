using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.AzureStorage;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Bench;

/// <summary>
/// A fresh task hub per scenario on one Azurite; operations are the storage requests the process sends
/// (<see cref="StorageRequestCounter"/>), also bucketed by <see cref="StorageRequestTally"/>.
/// </summary>
internal sealed class AzuriteBenchStore(AzuriteProcess azurite, StorageRequestTally tally) : IBenchStore
{
    /// <summary>Every hub the bench creates is this prefix and 16 hex digits, so the tally can strip it from resource names.</summary>
    public const string HubPrefix = "bench";

    /// <summary>The store's default (host.json partitionCount), as a host would run it.</summary>
    private const int Partitions = 4;

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    public IDurableStore Create(string scenario, IServiceProvider services) => new AzureStorageDurableStore(
        new AzureStorageOptions
        {
            ConnectionString = azurite.ConnectionString,
            TaskHubName = HubPrefix + Guid.NewGuid().ToString("N")[..16],
            PartitionCount = Partitions,
            TimeProvider = TimeProvider.System,
            LeaseDuration = AzureStorageOptions.MinLeaseDuration,
        },
        services.GetRequiredService<ILoggerFactory>());

    /// <summary>
    /// The worker takes the partition leases on its first orchestration fetch; timing starts once it holds all of
    /// them, so that hub creation and lease acquisition stay out of the figures (as opening the file does for SQLite).
    /// </summary>
    public async Task WaitUntilReadyAsync(IDurableStore store, CancellationToken cancellationToken = default)
    {
        var azure = (AzureStorageDurableStore)store;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ReadyTimeout);
        while (azure.OwnedPartitions.Count < Partitions)
        {
            try
            {
                await Task.Delay(10, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException(
                    $"Worker {azure.WorkerId} held {azure.OwnedPartitions.Count} of {Partitions} partition leases after {ReadyTimeout.TotalSeconds} s.\n{azurite.Output}");
            }
        }
    }

    public StoreOperations CountOperations(IDurableStore store) => new(StorageRequestCounter.Count, tally.Snapshot());
}
