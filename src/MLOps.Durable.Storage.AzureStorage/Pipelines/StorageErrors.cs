using System.Net;
using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>How the pipeline stores read the client library's <see cref="StorageException"/>: by HTTP status, and cancellation for what it is.</summary>
internal static class StorageErrors
{
    /// <summary>404: the blob, container, row or table does not exist.</summary>
    public static bool IsNotFound(StorageException error) => error.RequestInformation?.HttpStatusCode == (int)HttpStatusCode.NotFound;

    /// <summary>
    /// 412: a row changed since it was read (its ETag moved); 409: a row was inserted meanwhile. Either way
    /// another writer won the race.
    /// </summary>
    public static bool IsLostRace(StorageException error) =>
        error.RequestInformation?.HttpStatusCode is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.Conflict;

    /// <summary>
    /// The library reports a cancelled request as a <see cref="StorageException"/> around the
    /// <see cref="TaskCanceledException"/>; callers expect <see cref="OperationCanceledException"/>.
    /// </summary>
    public static bool IsCancellation(StorageException error, CancellationToken cancellationToken) =>
        cancellationToken.IsCancellationRequested && error.InnerException is OperationCanceledException;

    /// <summary>No answer at all: the account cannot be reached (see <see cref="StorageUnreachable"/>).</summary>
    public static bool IsUnreachable(StorageException error) => StorageUnreachable.Is(error);

    /// <summary>The <see cref="StoreUnavailableException"/> to throw for a request <see cref="IsUnreachable"/> recognised.</summary>
    public static StoreUnavailableException Unreachable(StorageException error, Uri endpoint) => StorageUnreachable.Error(error, endpoint);

    /// <summary>The <see cref="OperationCanceledException"/> to throw for a request <see cref="IsCancellation"/> recognised.</summary>
    public static OperationCanceledException Cancelled(StorageException error, CancellationToken cancellationToken) =>
        new("The storage request was cancelled.", error, cancellationToken);
}
