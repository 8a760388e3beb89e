namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// Settings of <see cref="SqliteApprovalAuditTrail"/>: which file holds the trail, which clock stamps entries, and
/// how long to wait for another process that holds the write lock.
/// </summary>
public sealed class SqliteApprovalAuditTrailOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Path of the trail's own SQLite file (created with its folder when missing), not the task hub's nor the registry's. Required.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>The clock for entry times; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How long a statement waits for another process's write lock before failing (30 s by default).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException(
                $"{nameof(SqliteApprovalAuditTrailOptions)}.{nameof(DataSource)} is required: set it to the path of the trail's SQLite file (e.g. 'data/approvals.db').",
                nameof(DataSource));
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException(
                $"{nameof(SqliteApprovalAuditTrailOptions)}.{nameof(BusyTimeout)} '{BusyTimeout}' is out of range: expected a duration from 0 to {TimeSpan.FromMilliseconds(int.MaxValue)}.",
                nameof(BusyTimeout));
        }
    }
}
