using Microsoft.Data.Sqlite;
using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// The registry in its own SQLite file, in WAL mode with a busy timeout so several registries (in one process or
/// many) can share it. Each registry keeps one connection guarded by a semaphore; every change runs in one
/// BEGIN IMMEDIATE transaction together with its audit entry, and reads run in one read transaction so they
/// see a single snapshot. See README.md for the tables.
/// </summary>
public sealed partial class SqliteModelRegistry : IModelRegistry, IAsyncDisposable
{
    private static readonly SqliteFileKind Kind = new(
        SqliteRegistrySchema.ApplicationId,
        SqliteRegistrySchema.CurrentVersion,
        SqliteRegistrySchema.CreateVersion1,
        "Model registry",
        "a model registry file",
        nameof(SqliteModelRegistryOptions),
        "e.g. 'data/registry.db', not the task hub's file",
        (dataSource, message) => new RegistrySchemaException(dataSource, message));

    private readonly SqliteFile _file;

    /// <summary>Creates a registry over <see cref="SqliteFileOptions.DataSource"/> of <paramref name="options"/>; the file is opened on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SqliteModelRegistry(SqliteModelRegistryOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _file = new SqliteFile(options, Kind);
    }

    /// <summary>Opens the file and creates or checks its schema; optional, the first operation does it too.</summary>
    /// <exception cref="RegistrySchemaException">The file has a newer schema or belongs to something else.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _file.InitializeAsync(cancellationToken);

    /// <summary>Waits for the running operation, then closes the connection so the file can be opened again.</summary>
    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken) => _file.ReadAsync(read, cancellationToken);

    private Task<T> WriteAsync<T>(Func<DateTimeOffset, T> write, CancellationToken cancellationToken) => _file.WriteAsync(write, cancellationToken);

    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Command(sql, parameters);

    private int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Execute(sql, parameters);

    private object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Scalar(sql, parameters);
}
