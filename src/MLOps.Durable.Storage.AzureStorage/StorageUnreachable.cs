using System.Net.Sockets;
using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// A request that never got an HTTP answer (connection refused or reset, name not resolved, timed out): the account
/// or emulator is not there, as opposed to an answer such as 404 or 412. Reported as the engine's
/// <see cref="StoreUnavailableException"/>, which the worker treats as an outage to wait out rather than as the
/// outcome of the work it was doing.
/// </summary>
internal static class StorageUnreachable
{
    public static bool Is(StorageException error) =>
        error.InnerException is HttpRequestException or SocketException or TimeoutException;

    public static StoreUnavailableException Error(StorageException error, Uri endpoint) => new(
        $"Azure Storage is not reachable at {endpoint}: {error.InnerException?.Message ?? error.Message}. " +
        "Start Azurite ('npx azurite --inMemoryPersistence') or check the storage connection string.",
        error);
}
