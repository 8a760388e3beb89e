using MLOps.Durable.DependencyInjection;
using MLOps.Durable.Host.Configuration;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Storage.AzureStorage;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Storage.Sqlite;

namespace MLOps.Durable.Host;

/// <summary>The stores of the backend host.json selects: the engine's task hub, the model registry and the artifact store.</summary>
public static partial class HostApplication
{
    /// <summary>The engine's store, on the clock from DI (tests replace it with a fake one).</summary>
    private static void UseStore(DurableEngineBuilder engine, TaskHubStorage storage, HostSettings settings)
    {
        if (storage.IsAzureStorage)
        {
            engine.UseStore(sp => new AzureStorageDurableStore(
                new AzureStorageOptions
                {
                    ConnectionString = storage.ConnectionString!,
                    TaskHubName = settings.HubName,
                    PartitionCount = storage.PartitionCount,
                    TimeProvider = sp.GetService<TimeProvider>(),
                },
                sp.GetService<ILoggerFactory>()));
        }
        else
        {
            engine.UseStore(sp => new SqliteDurableStore(new SqliteStoreOptions { DataSource = storage.SqlitePath!, TimeProvider = sp.GetService<TimeProvider>() }));
        }
    }

    /// <summary>
    /// The stores the pipeline activities use. On Azure Storage: the hub's account, artifacts in the blob container
    /// <c>{hub}-artifacts</c> and the registry in the table <c>{hub}ModelRegistry</c>. On SQLite: next to the task hub
    /// file, artifacts in a folder (<c>{hub}.artifacts/{run id}/</c>) and the registry in its own file (<c>{hub}.registry.db</c>).
    /// </summary>
    private static void AddPipelineStores(IServiceCollection services, TaskHubStorage storage, HostSettings settings)
    {
        if (storage.IsAzureStorage)
        {
            var connectionString = storage.ConnectionString!;
            services.AddSingleton(AzurePipelineStores.CreateArtifactStore(connectionString, settings.HubName));
            services.AddSingleton(sp => AzurePipelineStores.CreateRegistry(connectionString, settings.HubName, sp.GetService<TimeProvider>()));
            return;
        }

        services.AddSingleton<IArtifactStore>(new FileSystemArtifactStore(storage.LocalFile(".artifacts")));
        services.AddSingleton<IModelRegistry>(sp => new SqliteModelRegistry(new SqliteModelRegistryOptions
        {
            DataSource = storage.LocalFile(".registry.db"),
            TimeProvider = sp.GetService<TimeProvider>() ?? TimeProvider.System,
        }));
    }
}
