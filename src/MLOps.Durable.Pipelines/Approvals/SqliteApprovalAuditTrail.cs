using System.Globalization;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The approval audit trail in its own SQLite file, in WAL mode with a busy timeout so several hosts (in one process
/// or many) can share it. Each trail keeps one connection guarded by a semaphore; a decision's classification and
/// its entry commit in one BEGIN IMMEDIATE transaction, so two hosts cannot both accept a first decision. See
/// README.md for the table.
/// </summary>
public sealed partial class SqliteApprovalAuditTrail : IApprovalAuditTrail, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly string _dataSource;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _time;
    private SqliteConnection? _connection;
    private bool _disposed;

    /// <summary>Creates a trail over <see cref="SqliteApprovalAuditTrailOptions.DataSource"/>; the file is opened on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SqliteApprovalAuditTrail(SqliteApprovalAuditTrailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _dataSource = options.DataSource;
        _busyTimeoutMilliseconds = (int)options.BusyTimeout.TotalMilliseconds;
        _time = options.TimeProvider ?? TimeProvider.System;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,

            // Pooling would keep the file open after DisposeAsync; the trail holds its one connection itself.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
    }

    /// <summary>Opens the file and creates or checks its table; optional, the first operation does it too.</summary>
    /// <exception cref="ApprovalAuditSchemaException">The file has a newer schema or belongs to something else.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => RunAsync(static () => true, cancellationToken);

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
    private async Task<T> RunAsync<T>(Func<T> action, CancellationToken cancellationToken)
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
    private Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken) =>
        RunAsync(() => InTransaction("BEGIN", read), cancellationToken);

    /// <summary>
    /// Runs <paramref name="write"/> in a BEGIN IMMEDIATE transaction with the time read after the write lock was
    /// taken; commits when it returns and rolls back when it throws.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<DateTimeOffset, T> write, CancellationToken cancellationToken) =>
        RunAsync(() => InTransaction("BEGIN IMMEDIATE", () => write(_time.GetUtcNow())), cancellationToken);

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

    /// <summary>A command over the open connection with named parameters (null binds SQL NULL).</summary>
    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var command = _connection!.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private int Execute(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return command.ExecuteNonQuery();
    }

    private long ScalarInt64(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        using var command = Command(sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void EnsureOpen()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_connection is not null)
        {
            return;
        }

        CreateDirectoryOf(_dataSource);
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
        if (applicationId == SqliteApprovalSchema.ApplicationId)
        {
            if (version > SqliteApprovalSchema.CurrentVersion)
            {
                throw new ApprovalAuditSchemaException(_dataSource,
                    $"Approval audit trail '{_dataSource}' has schema version {version}, but this build supports versions up to " +
                    $"{SqliteApprovalSchema.CurrentVersion}; upgrade MLOps.Durable.Pipelines or point SqliteApprovalAuditTrailOptions.DataSource at another file.");
            }

            return true;
        }

        var tables = ScalarInt64("SELECT COUNT(*) FROM sqlite_master");
        if (applicationId != 0 || version != 0 || tables != 0)
        {
            throw new ApprovalAuditSchemaException(_dataSource,
                $"'{_dataSource}' is not an approval audit file (application_id {applicationId}, user_version {version}, {tables} schema objects): " +
                "point SqliteApprovalAuditTrailOptions.DataSource at a file of its own, e.g. 'data/approvals.db', not the task hub's or the registry's.");
        }

        Execute(SqliteApprovalSchema.CreateVersion1);
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
