using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Tests.Testing;

namespace MLOps.Durable.Pipelines.Tests.Registry;

/// <summary>The registry conformance suite on a real SQLite file, one fresh file per test.</summary>
public sealed class SqliteModelRegistryConformanceTests : ModelRegistryConformanceSuite
{
    private readonly TemporaryFolder _folder = new("registry-conformance");

    protected override async Task<IModelRegistry> CreateRegistryAsync(TimeProvider time)
    {
        var registry = new SqliteModelRegistry(new SqliteModelRegistryOptions { DataSource = _folder.File("registry.db"), TimeProvider = time });
        await registry.InitializeAsync();
        return registry;
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        _folder.Dispose();
    }
}
