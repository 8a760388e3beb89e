namespace MLOps.Durable.Storage.Sqlite.Tests.Testing;

/// <summary>A store over a fresh file in a temporary folder that is deleted afterwards, with a fake clock.</summary>
internal sealed class TemporaryStore : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    private TemporaryStore()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mlops-durable-sqlite-tests", Guid.NewGuid().ToString("N"));
        DataSource = Path.Combine(Folder, "hub.db");
        Store = Open();
    }

    public string Folder { get; }

    public string DataSource { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public SqliteDurableStore Store { get; private set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public static async Task<TemporaryStore> CreateAsync()
    {
        var hub = new TemporaryStore();
        await hub.Store.InitializeAsync();
        return hub;
    }

    /// <summary>Another store over the same file, as a second process would open it.</summary>
    public SqliteDurableStore Open() => new(new SqliteStoreOptions { DataSource = DataSource, TimeProvider = Time });

    /// <summary>Closes the store and opens the file again in a new instance.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
        await Store.InitializeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
