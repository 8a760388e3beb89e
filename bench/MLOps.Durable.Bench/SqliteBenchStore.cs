using MLOps.Durable.Storage;
using MLOps.Durable.Storage.Sqlite;

namespace MLOps.Durable.Bench;

/// <summary>A fresh SQLite file per scenario under the work directory; operations are commits.</summary>
internal sealed class SqliteBenchStore(string directory) : IBenchStore
{
    public IDurableStore Create(string scenario, IServiceProvider services) =>
        new SqliteDurableStore(new SqliteStoreOptions { DataSource = Path.Combine(directory, scenario + ".db") });

    public Task WaitUntilReadyAsync(IDurableStore store, CancellationToken cancellationToken = default) => Task.CompletedTask;

    public StoreOperations CountOperations(IDurableStore store) => StoreOperations.Commits(((SqliteDurableStore)store).CommitCount);
}
