using Microsoft.Data.Sqlite;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Registry;

/// <summary>What only the SQLite registry has: a file shared by several registries, reopening, the schema and its guards.</summary>
public sealed class SqliteModelRegistryTests : IDisposable
{
    private readonly TemporaryFolder _folder = new("registry-sqlite");
    private readonly FakeTimeProvider _time = new();

    private string DataSource => _folder.File("registry.db");

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task RegisterAsync_TwoRegistriesOnOneFileInParallel_GetDistinctConsecutiveVersions()
    {
        await using var first = Open();
        await using var second = Open();

        var versions = await Task.WhenAll(Enumerable.Range(1, 40).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RegisterAsync(new ModelRegistration("churn", $"run-{i}", "gbdt")))));

        Assert.Equal(Enumerable.Range(1, 40), versions.Select(v => v.Version).Order());
        Assert.Equal(40, versions.Select(v => v.RunId).Distinct().Count());
        Assert.Equal(40, (await first.GetAuditTrailAsync(maxEntries: 100)).Count);
    }

    [Fact]
    public async Task RegisterAsync_TwoRegistriesSameRunInParallel_CreateOneVersion()
    {
        await using var first = Open();
        await using var second = Open();

        var versions = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
            Task.Run(() => (i % 2 == 0 ? first : second).RegisterAsync(new ModelRegistration("churn", "run-1", "gbdt")))));

        Assert.All(versions, v => Assert.Equal(1, v.Version));
        Assert.Single(await second.GetVersionsAsync("churn"));
    }

    [Fact]
    public async Task SetAliasAsync_OnOneRegistry_IsSeenByAnotherOnTheSameFile()
    {
        await using var first = Open();
        await using var second = Open();
        await first.RegisterAsync(new ModelRegistration("churn", "run-1", "gbdt"));

        await second.SetAliasAsync(new AliasAssignment("churn", ModelAliases.Production, 1, "alice"));

        Assert.Equal("run-1", (await first.ResolveAsync("churn", ModelAliases.Production)).RunId);
    }

    [Fact]
    public async Task Reopen_NewRegistry_KeepsVersionsAliasesAndAuditTrail()
    {
        var registration = new ModelRegistration("churn", "run-1", "gbdt")
        {
            Parameters = new Dictionary<string, string> { ["depth"] = "6", ["eta"] = "0.1" },
            Metrics = new Dictionary<string, double> { ["auc"] = 0.1 + 0.2, ["rmse"] = 1e-300 },
            Lineage = new ModelLineage("sha256:d", 2, "sha256:s", "git:1", "churn"),
            Artifacts = new ModelArtifacts("runs/run-1/model.json", "runs/run-1/model.onnx"),
        };
        IReadOnlyList<RegistryAuditEntry> trail;
        await using (var registry = Open())
        {
            await registry.RegisterAsync(registration);
            await registry.SetAliasAsync(new AliasAssignment("churn", ModelAliases.Canary, 1, "alice", "try it", 15));
            trail = await registry.GetAuditTrailAsync();
        }

        await using var reopened = Open();
        var version = await reopened.GetVersionAsync("churn", 1);

        Assert.Equal(registration.Parameters, version.Parameters);
        Assert.Equal(registration.Metrics, version.Metrics);
        Assert.Equal((registration.Lineage, registration.Artifacts, _time.GetUtcNow()), (version.Lineage, version.Artifacts, version.CreatedAt));
        Assert.Equal(15, Assert.Single(await reopened.GetAliasesAsync("churn")).TrafficPercent);
        Assert.Equal(trail, await reopened.GetAuditTrailAsync());
    }

    [Fact]
    public async Task InitializeAsync_NewFile_IsMarkedAsRegistryInWalMode()
    {
        await using (var registry = Open())
        {
            await registry.InitializeAsync();
        }

        Assert.Equal(SqliteRegistrySchema.ApplicationId, Pragma("application_id"));
        Assert.Equal(SqliteRegistrySchema.CurrentVersion, Pragma("user_version"));
        Assert.Equal("wal", Query("PRAGMA journal_mode"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsAndLeavesFileUntouched()
    {
        await using (var registry = Open())
        {
            await registry.InitializeAsync();
        }

        Query("PRAGMA user_version = 9");
        await using var newer = Open();

        var error = await Assert.ThrowsAsync<RegistrySchemaException>(() => newer.InitializeAsync());

        Assert.Contains("schema version 9", error.Message, StringComparison.Ordinal);
        Assert.Contains("supports versions up to 1", error.Message, StringComparison.Ordinal);
        Assert.Equal(9, Pragma("user_version"));
    }

    [Fact]
    public async Task InitializeAsync_AnotherStoresFile_ThrowsAndCreatesNoTables()
    {
        Query("CREATE TABLE Instances (InstanceId TEXT PRIMARY KEY); PRAGMA user_version = 2;");
        await using var registry = Open();

        var error = await Assert.ThrowsAsync<RegistrySchemaException>(() => registry.GetModelsAsync());

        Assert.Equal(DataSource, error.DataSource);
        Assert.Contains("is not a model registry file", error.Message, StringComparison.Ordinal);
        Assert.Equal("0", Query("SELECT COUNT(*) FROM sqlite_master WHERE name = 'ModelVersions'"));
    }

    [Theory]
    [InlineData("UPDATE RegistryAudit SET Actor = 'mallory'", "append-only")]
    [InlineData("DELETE FROM RegistryAudit", "append-only")]
    [InlineData("UPDATE ModelVersions SET Trainer = 'other'", "immutable")]
    [InlineData("DELETE FROM ModelVersions", "never deleted")]
    public async Task File_ChangeOfVersionOrAuditRow_IsRefusedByTheFile(string sql, string expected)
    {
        await using (var registry = Open())
        {
            await registry.RegisterAsync(new ModelRegistration("churn", "run-1", "gbdt"));
        }

        var error = Assert.Throws<SqliteException>(() => Query(sql));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Equal("1", Query("SELECT COUNT(*) FROM RegistryAudit"));
    }

    [Fact]
    public async Task DisposeAsync_ThenOperation_ThrowsObjectDisposed()
    {
        var registry = Open();
        await registry.InitializeAsync();

        await registry.DisposeAsync();
        await registry.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => registry.GetModelsAsync());
    }

    [Theory]
    [InlineData("", 30, "DataSource")]
    [InlineData("registry.db", -1, "BusyTimeout")]
    public void Constructor_InvalidOption_ThrowsNamingIt(string dataSource, int busySeconds, string option)
    {
        var options = new SqliteModelRegistryOptions { DataSource = dataSource, BusyTimeout = TimeSpan.FromSeconds(busySeconds) };

        var error = Assert.Throws<ArgumentException>(() => new SqliteModelRegistry(options));

        Assert.Contains($"SqliteModelRegistryOptions.{option}", error.Message, StringComparison.Ordinal);
    }

    private SqliteModelRegistry Open() => new(new SqliteModelRegistryOptions { DataSource = DataSource, TimeProvider = _time });

    private long Pragma(string name) => long.Parse(Query($"PRAGMA {name}")!, System.Globalization.CultureInfo.InvariantCulture);

    private string? Query(string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = DataSource, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
