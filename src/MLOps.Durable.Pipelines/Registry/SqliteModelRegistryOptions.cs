namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Settings of <see cref="SqliteModelRegistry"/>: which file holds the registry, which clock stamps versions and
/// audit entries, and how long to wait for another process that holds the write lock.
/// </summary>
public sealed class SqliteModelRegistryOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Path of the registry's own SQLite file (created with its folder when missing), not the task hub's file. Required.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>The clock for registration and audit times; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How long a statement waits for another process's write lock before failing (30 s by default).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException(
                $"{nameof(SqliteModelRegistryOptions)}.{nameof(DataSource)} is required: set it to the path of the registry's SQLite file (e.g. 'data/registry.db').",
                nameof(DataSource));
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException(
                $"{nameof(SqliteModelRegistryOptions)}.{nameof(BusyTimeout)} '{BusyTimeout}' is out of range: expected a duration from 0 to {TimeSpan.FromMilliseconds(int.MaxValue)}.",
                nameof(BusyTimeout));
        }
    }
}
