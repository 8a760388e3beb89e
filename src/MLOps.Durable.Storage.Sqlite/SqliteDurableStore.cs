using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace MLOps.Durable.Storage.Sqlite;

/// <summary>
/// The embedded storage backend: one SQLite file in WAL mode that several processes can share. Each store
/// keeps one connection (SQLite has a single writer anyway) guarded by a semaphore, reuses prepared statements,
/// and runs every operation as one transaction; locks are rows with an expiry time, so a crashed process's
/// work is picked up again when its locks expire. See README.md for the tables and the locking rules.
/// </summary>
public sealed partial class SqliteDurableStore : IDurableStore, IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, SqliteStatement> _statements = new(ReferenceEqualityComparer.Instance);
    private readonly string _dataSource;
    private readonly string _connectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly TimeProvider _time;
    private SqliteConnection? _connection;
    private long _commitCount;
    private bool _disposed;

    /// <summary>Creates a store over <see cref="SqliteStoreOptions.DataSource"/>; the file is opened on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SqliteDurableStore(SqliteStoreOptions options)
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

            // Pooling would keep the file open after DisposeAsync; the store holds its one connection itself.
            Pooling = false,
            DefaultTimeout = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds)),
        }.ToString();
        OrchestrationWork = new WorkSignal(_time);
        ActivityWork = new WorkSignal(_time);
        InstanceChanges = new WorkSignal(_time);
    }

    /// <inheritdoc />
    public WorkSignal OrchestrationWork { get; }

    /// <inheritdoc />
    public WorkSignal ActivityWork { get; }

    /// <inheritdoc />
    public WorkSignal InstanceChanges { get; }

    /// <summary>Write transactions this store committed that changed the file (benchmarks report commits per activity).</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <inheritdoc />
    /// <exception cref="UnsupportedSchemaVersionException">The file has a newer schema than this build knows.</exception>
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
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
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

    private long NowTicks => _time.GetUtcNow().UtcTicks;

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

    /// <summary>
    /// Runs <paramref name="action"/> in a BEGIN IMMEDIATE transaction with the time read after the write lock
    /// was taken; commits when it returns and rolls back when it throws. Call inside <see cref="RunAsync{T}"/>.
    /// </summary>
    private T Write<T>(Func<long, T> action)
    {
        var handle = _connection!.Handle;
        Statement("BEGIN IMMEDIATE").Execute();
        try
        {
            var changesBefore = raw.sqlite3_total_changes(handle);
            var result = action(NowTicks);
            var changed = raw.sqlite3_total_changes(handle) != changesBefore;
            Statement("COMMIT").Execute();
            if (changed)
            {
                Interlocked.Increment(ref _commitCount);
            }

            return result;
        }
        catch
        {
            // SQLite rolls back by itself after some errors (a full disk, for instance).
            if (raw.sqlite3_get_autocommit(handle) == 0)
            {
                Statement("ROLLBACK").Execute();
            }

            throw;
        }
    }

    /// <summary>The cached statement for a constant SQL text (looked up by reference).</summary>
    private SqliteStatement Statement(string sql)
    {
        if (!_statements.TryGetValue(sql, out var statement))
        {
            statement = new SqliteStatement(_connection!, sql);
            _statements.Add(sql, statement);
        }

        return statement;
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
            Write(_ => EnsureSchema());
        }
        catch
        {
            _connection = null;
            foreach (var statement in _statements.Values)
            {
                statement.Dispose();
            }

            _statements.Clear();
            connection.Dispose();
            throw;
        }
    }

    private bool EnsureSchema()
    {
        var version = Convert.ToInt32(Statement("PRAGMA user_version").Scalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version > SqliteSchema.CurrentVersion)
        {
            throw new UnsupportedSchemaVersionException(_dataSource, version, SqliteSchema.CurrentVersion);
        }

        // Each step moves the file one version on, inside the schema transaction.
        foreach (var (target, sql) in new[] { (1, SqliteSchema.CreateVersion1), (2, SqliteSchema.UpgradeToVersion2) })
        {
            if (version < target)
            {
                using var upgrade = _connection!.CreateCommand();
                upgrade.CommandText = sql;
                upgrade.ExecuteNonQuery();
                version = target;
            }
        }

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
