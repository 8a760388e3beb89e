using Microsoft.Data.Sqlite;
using MLOps.Durable.Pipelines.SqliteFiles;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The approval audit trail in its own SQLite file, in WAL mode with a busy timeout so several hosts (in one process
/// or many) can share it. Each trail keeps one connection guarded by a semaphore; a decision's classification and
/// its entry commit in one BEGIN IMMEDIATE transaction, so two hosts cannot both accept a first decision. See
/// README.md for the table.
/// </summary>
public sealed partial class SqliteApprovalAuditTrail : IApprovalAuditTrail, IAsyncDisposable
{
    private static readonly SqliteFileKind Kind = new(
        SqliteApprovalSchema.ApplicationId,
        SqliteApprovalSchema.CurrentVersion,
        SqliteApprovalSchema.CreateVersion1,
        "Approval audit trail",
        "an approval audit file",
        nameof(SqliteApprovalAuditTrailOptions),
        "e.g. 'data/approvals.db', not the task hub's or the registry's",
        (dataSource, message) => new ApprovalAuditSchemaException(dataSource, message));

    private readonly SqliteFile _file;

    /// <summary>Creates a trail over <see cref="SqliteFileOptions.DataSource"/> of <paramref name="options"/>; the file is opened on first use.</summary>
    /// <exception cref="ArgumentException">An option is invalid; the message names it.</exception>
    public SqliteApprovalAuditTrail(SqliteApprovalAuditTrailOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _file = new SqliteFile(options, Kind);
    }

    /// <summary>Opens the file and creates or checks its schema; optional, the first operation does it too.</summary>
    /// <exception cref="ApprovalAuditSchemaException">The file has a newer schema or belongs to something else.</exception>
    public Task InitializeAsync(CancellationToken cancellationToken = default) => _file.InitializeAsync(cancellationToken);

    /// <summary>Waits for the running operation, then closes the connection so the file can be opened again.</summary>
    public ValueTask DisposeAsync() => _file.DisposeAsync();

    private Task<T> ReadAsync<T>(Func<T> read, CancellationToken cancellationToken) => _file.ReadAsync(read, cancellationToken);

    private Task<T> WriteAsync<T>(Func<DateTimeOffset, T> write, CancellationToken cancellationToken) => _file.WriteAsync(write, cancellationToken);

    private SqliteCommand Command(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.Command(sql, parameters);

    private long ScalarInt64(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters) => _file.ScalarInt64(sql, parameters);
}
