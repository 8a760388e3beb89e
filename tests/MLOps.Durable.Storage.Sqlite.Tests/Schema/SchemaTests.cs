using Microsoft.Data.Sqlite;
using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Schema;

public sealed class SchemaTests
{
    [Fact]
    public async Task InitializeAsync_NewFile_CreatesVersionedSchemaInWalMode()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        Assert.Equal("wal", Pragma(hub.DataSource, "journal_mode"));
        Assert.Equal(2L, Pragma(hub.DataSource, "user_version"));
    }

    [Fact]
    public async Task InitializeAsync_CalledAgainAndByAnotherStore_KeepsData()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("keep", hub.Now)));
        await using var other = hub.Open();

        await hub.Store.InitializeAsync();
        await other.InitializeAsync();

        Assert.NotNull(await other.GetInstanceAsync("keep", includePayloads: false));
        Assert.Equal(2L, Pragma(hub.DataSource, "user_version"));
    }

    [Fact]
    public async Task InitializeAsync_NewerSchemaVersion_ThrowsUnsupportedSchemaVersion()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.DisposeAsync();
        Pragma(hub.DataSource, "user_version = 7");
        await using var store = hub.Open();

        var error = await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => store.InitializeAsync());

        Assert.Equal((7, 2), (error.FileVersion, error.SupportedVersion));
        Assert.Contains("schema version 7", error.Message, StringComparison.Ordinal);
        Assert.Contains(hub.DataSource, error.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<UnsupportedSchemaVersionException>(() => store.GetInstanceAsync("x", includePayloads: false));
    }

    [Fact]
    public async Task InitializeAsync_MissingFolder_CreatesIt()
    {
        var folder = Path.Combine(Path.GetTempPath(), "mlops-durable-sqlite-tests", Guid.NewGuid().ToString("N"));
        var dataSource = Path.Combine(folder, "nested", "hub.db");
        try
        {
            await using (var store = new SqliteDurableStore(new SqliteStoreOptions { DataSource = dataSource }))
            {
                await store.InitializeAsync();
            }

            Assert.True(File.Exists(dataSource));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task OperationBeforeInitialize_OpensAndCreatesSchema()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.DisposeAsync();
        File.Delete(hub.DataSource);
        await using var store = hub.Open();

        await store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("lazy", hub.Now)));

        Assert.NotNull(await store.GetInstanceAsync("lazy", includePayloads: false));
    }

    [Fact]
    public async Task InitializeAsync_Version1File_UpgradesToVersion2KeepingData()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("old", hub.Now)));
        await hub.Store.DisposeAsync();
        Execute(hub.DataSource, "DROP TABLE HostState; PRAGMA user_version = 1;");
        await using var store = hub.Open();

        await store.InitializeAsync();

        Assert.Equal(2L, Pragma(hub.DataSource, "user_version"));
        Assert.NotNull(await store.GetInstanceAsync("old", includePayloads: false));
        Assert.Equal("k1", await store.GetOrAddHostValueAsync("keys/master", "k1"));
    }

    [Fact]
    public async Task HostValues_GetOrAddThenSet_FirstValueWinsUntilReplacedAndSurvivesReopen()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await using var other = hub.Open();

        var first = await hub.Store.GetOrAddHostValueAsync("keys/master", "from-host-1");
        var second = await other.GetOrAddHostValueAsync("keys/master", "from-host-2");
        await hub.ReopenAsync();
        var afterReopen = await hub.Store.GetOrAddHostValueAsync("keys/master", "ignored");
        await other.SetHostValueAsync("keys/master", "rotated");

        Assert.Equal(["from-host-1", "from-host-1", "from-host-1"], new[] { first, second, afterReopen });
        Assert.Equal("rotated", await hub.Store.GetOrAddHostValueAsync("keys/master", "ignored"));
    }

    private static void Execute(string dataSource, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Pragma(string dataSource, string pragma)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = dataSource, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return command.ExecuteScalar();
    }
}
