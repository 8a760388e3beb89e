using Microsoft.WindowsAzure.Storage;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The pipeline layer's stores on the task hub's storage account, for when the Azure Storage backend is
/// selected: run artifacts in the blob container <c>{hub}-artifacts</c> and the model registry in the table
/// <c>{hub}ModelRegistry</c>. Both are created on first use; the hub name is checked here, so a name that cannot
/// form them fails at start with the reason. See README.md in this folder.
/// </summary>
public static class AzurePipelineStores
{
    /// <summary>The artifact store on the account a connection string names (see <see cref="AzureStorageAccount.Parse"/>).</summary>
    /// <exception cref="ArgumentException">The connection string, or a hub name that cannot form a container name; the message says which and why.</exception>
    public static IArtifactStore CreateArtifactStore(string connectionString, string hubName)
    {
        var container = PipelineStoreNames.ArtifactContainer(hubName);
        var account = AzureStorageAccount.Parse(connectionString);
        return new BlobArtifactStore(ClientRetry.CreateBlobClient(account).GetContainerReference(container));
    }

    /// <summary>The artifact store on <paramref name="account"/>.</summary>
    /// <exception cref="ArgumentException">The hub name cannot form a container name; the message says why.</exception>
    public static IArtifactStore CreateArtifactStore(CloudStorageAccount account, string hubName)
    {
        ArgumentNullException.ThrowIfNull(account);
        var container = PipelineStoreNames.ArtifactContainer(hubName);
        return new BlobArtifactStore(ClientRetry.CreateBlobClient(account).GetContainerReference(container));
    }

    /// <summary>The model registry on the account a connection string names; times from <paramref name="timeProvider"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentException">The connection string, or a hub name that cannot form a table name; the message says which and why.</exception>
    public static IModelRegistry CreateRegistry(string connectionString, string hubName, TimeProvider? timeProvider = null)
    {
        var table = PipelineStoreNames.RegistryTable(hubName);
        var account = AzureStorageAccount.Parse(connectionString);
        return new TableModelRegistry(ClientRetry.CreateTableClient(account).GetTableReference(table), timeProvider);
    }

    /// <summary>The model registry on <paramref name="account"/>; times from <paramref name="timeProvider"/> (the system clock when null).</summary>
    /// <exception cref="ArgumentException">The hub name cannot form a table name; the message says why.</exception>
    public static IModelRegistry CreateRegistry(CloudStorageAccount account, string hubName, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(account);
        var table = PipelineStoreNames.RegistryTable(hubName);
        return new TableModelRegistry(ClientRetry.CreateTableClient(account).GetTableReference(table), timeProvider);
    }
}
