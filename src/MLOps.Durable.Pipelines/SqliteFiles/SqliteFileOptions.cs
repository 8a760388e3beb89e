namespace MLOps.Durable.Pipelines.SqliteFiles;

/// <summary>
/// Settings shared by the pipeline layer's SQLite files: which file, which clock stamps what they record, and
/// how long to wait for another process that holds the write lock.
/// </summary>
public abstract class SqliteFileOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    private readonly string _owner;
    private readonly string _exampleFile;

    /// <param name="owner">Whose file it is, as errors say it (e.g. "registry's").</param>
    /// <param name="exampleFile">A path to suggest (e.g. "data/registry.db").</param>
    private protected SqliteFileOptions(string owner, string exampleFile)
    {
        _owner = owner;
        _exampleFile = exampleFile;
    }

    /// <summary>Path of the store's own SQLite file (created with its folder when missing), not the task hub's file. Required.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>The clock for the times the store records; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How long a statement waits for another process's write lock before failing (30 s by default).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        var type = GetType().Name;
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException(
                $"{type}.{nameof(DataSource)} is required: set it to the path of the {_owner} SQLite file (e.g. '{_exampleFile}').",
                nameof(DataSource));
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException(
                $"{type}.{nameof(BusyTimeout)} '{BusyTimeout}' is out of range: expected a duration from 0 to {TimeSpan.FromMilliseconds(int.MaxValue)}.",
                nameof(BusyTimeout));
        }
    }
}
