using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MLOps.Durable.Pipelines.SqliteFiles;

/// <summary>
/// One SQLite file of the pipeline layer (model registry, prediction log, approval audit trail): WAL mode with a
/// busy timeout so several hosts can share it, one connection guarded by a semaphore, every change in one
/// BEGIN IMMEDIATE transaction and every read in one read transaction (one snapshot), and a schema check on
/// open that refuses files of newer versions or of other kinds instead of altering them.
/// </summary>
internal sealed class SqliteFile : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _time;
    private readonly SqliteFileKind _kind;
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Opens nothing yet: the file is opened (and its schema checked) by the first operation.</summary>
    public SqliteFile(SqliteFileOptions options, SqliteFileKind kind)
    {
        var busyTimeout = options.BusyTimeout;
        DataSource = options.DataSource;
        _busyTimeoutMilliseconds = (int)busyTimeout.TotalMilliseconds;
        _time = options.TimeProvider ?? TimeProvider.System;
        _kind = kind;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // Pooling would keep the file open after DisposeAsync; this class holds its one connection itself.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(busyTimeout.TotalSeconds)),
        }.ToString();
    }

    public string DataSource { get; }

    /// <summary>Opens the file and creates or checks its schema (the first operation does it too).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken) => RunAsync(static () => true, cancellationToken);

    /// <summary>Waits for the running operation, then closes the connection so the file can be opened again.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_connection is not null)
            {
                await _connection.DisposeAsync().ConfigureAwait(false);
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="action"/> alone on the open connection.</summary>
    public async Task<T> RunAsync<T>(Func<T> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureOpen();
            return action();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Runs <paramref name="read"/> in one read transaction, so its statements see one snapshot.</summary>
    public Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken) =>
        RunAsync(() => InTransaction("BEGIN", read), cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in a BEGIN IMMEDIATE transaction with the time read after the write lock was
    /// taken; commits when it returns and rolls back when it throws.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<DateTimeOffset, T> write, CancellationToken cancellationToken) =>
        RunAsync(() => InTransaction("BEGIN IMMEDIATE", () => write(_time.GetUtcNow())), cancellationToken);

    /// <summary>A command over the open connection with named parameters (null binds SQL NULL).</summary>
    public SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    public int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    /// <summary>The first column of the first row, or null (for SQL NULL or no row).</summary>
    public object? Scalar(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    public long ScalarInt64(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) =>
        Convert.ToInt64(Scalar(sql, parameters), CultureInfo.InvariantCulture);

    private T InTransaction<T>(string begin, Func<T> action)
    {
        var handle = _connection!.Handle;
        Execute(begin);
        try
        {
            var result = action();
            Execute("COMMIT");
            return result;
        }
        catch
        {
            // SQLite rolls back by itself after some errors (a full disk, for instance).
            if (raw.sqlite3_get_autocommit(handle) == 0)
            {
                Execute("ROLLBACK");
            }

            throw;
        }
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null)
        {
            return;
        }

        CreateDirectoryOf(DataSource);
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            using (var pragmas = connection.CreateCommand())
            {
                // busy_timeout first: switching to WAL may wait for another process that holds the file.
                pragmas.CommandText =
                    $"PRAGMA busy_timeout = {_busyTimeoutMilliseconds}; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;";
                pragmas.ExecuteNonQuery();
            }

            _connection = connection;
            InTransaction("BEGIN IMMEDIATE", EnsureSchema);
        }
        catch
        {
            _connection = null;
            connection.Dispose();
            throw;
        }
    }

    private bool EnsureSchema()
    {
        var applicationId = ScalarInt64("PRAGMA application_id");
        var version = ScalarInt64("PRAGMA user_version");
        if (applicationId == _kind.ApplicationId)
        {
            if (version > _kind.CurrentVersion)
            {
                throw _kind.SchemaError(DataSource,
                    $"{_kind.Title} '{DataSource}' has schema version {version}, but this build supports versions up to " +
                    $"{_kind.CurrentVersion}; upgrade MLOps.Durable.Pipelines or point {_kind.OptionsName}.DataSource at another file.");
            }

            return true;
        }

        var tables = ScalarInt64("SELECT COUNT(*) FROM sqlite_master");
        if (applicationId != 0 || version != 0 || tables != 0)
        {
            throw _kind.SchemaError(DataSource,
                $"'{DataSource}' is not {_kind.FileNoun} (application_id {applicationId}, user_version {version}, {tables} schema objects): " +
                $"point {_kind.OptionsName}.DataSource at a file of its own, {_kind.ForeignAdvice}.");
        }

        Execute(_kind.CreateSql);
        return true;
    }

    private static void CreateDirectoryOf(string dataSource)
    {
        if (dataSource.StartsWith(':') || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
