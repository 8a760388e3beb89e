using MLOps.Durable.Testing.Conformance;

namespace MLOps.Durable.Storage.Sqlite.Tests.Conformance;

/// <summary>The engine conformance suite on real SQLite files, one fresh file per test.</summary>
public sealed class SqliteConformanceTests : EngineConformanceSuite, IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mlops-durable-conformance", Guid.NewGuid().ToString("N"));

    protected override IDurableStore CreateStore(TimeProvider time) =>
        new SqliteDurableStore(new SqliteStoreOptions { DataSource = Path.Combine(_folder, "hub.db"), TimeProvider = time });

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
