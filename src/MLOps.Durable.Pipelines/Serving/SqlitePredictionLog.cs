using Microsoft.Data.Sqlite;
using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// The prediction log in its own SQLite file, in WAL mode with a busy timeout so several hosts can share it. One
/// connection guarded by a semaphore; every change runs in one BEGIN IMMEDIATE transaction, every read in one
/// read transaction (one snapshot). See README.md for the table.
/// </summary>
public sealed partial class SqlitePredictionLog : IPredictionLog, IAsyncDisposable
{
    private static readonly SqliteFileKind Kind = new(
        SqlitePredictionLogSchema.ApplicationId,
        SqlitePredictionLogSchema.CurrentVersion,
        SqlitePredictionLogSchema.CreateVersion1,
        "Prediction log",
        "a prediction log file",
        nameof(SqlitePredictionLogOptions),
        "e.g. 'data/predictions.db'",
        (dataSource, message) => new PredictionLogSchemaException(dataSource, message));

    private readonly SqliteFile _file;

    /// <summary>Creates a log over <see cref="SqliteFileOptions.DataSource"/> of <paramref name="options"/>; the file is opened on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SqlitePredictionLog(SqlitePredictionLogOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _file = new SqliteFile(options, Kind);
    }

    /// <summary>Opens the file and creates or checks its schema; optional, the first operation does it too.</summary>
    /// <exception cref="PredictionLogSchemaException">The file has a newer schema or belongs to something else.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _file.InitializeAsync(cancellationToken);

    /// <summary>Waits for the running operation, then closes the connection so the file can be opened again.</summary>
    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken) => _file.ReadAsync(read, cancellationToken);

    private Task<T> WriteAsync<T>(Func<DateTimeOffset, T> write, CancellationToken cancellationToken) => _file.WriteAsync(write, cancellationToken);

    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Command(sql, parameters);

    private int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Execute(sql, parameters);
}
