using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Counts the storage requests this process sends (every queue, table and blob call, retries included), so that
/// benchmarks can report storage operations per activity. Starts counting on first use.
/// </summary>
public static class StorageRequestCounter
{
    private static long _count;

    static StorageRequestCounter() => OperationContext.GlobalSendingRequest += (_, _) => Interlocked.Increment(ref _count);

    /// <summary>Requests sent since counting started.</summary>
    public static long Count => Interlocked.Read(ref _count);
}
