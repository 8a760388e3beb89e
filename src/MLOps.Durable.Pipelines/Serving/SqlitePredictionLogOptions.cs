namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Settings of <see cref="SqlitePredictionLog"/>: its file, its clock and how long to wait for another writer.</summary>
public sealed class SqlitePredictionLogOptions
{
    /// <summary>The default <see cref="BusyTimeout"/>.</summary>
    public static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Path of the log's own SQLite file (created with its folder when missing), not the task hub's or the registry's. Required.</summary>
    public string DataSource { get; set; } = string.Empty;

    /// <summary>The clock that stamps feedback; <see cref="TimeProvider.System"/> when null.</summary>
    public TimeProvider? TimeProvider { get; set; }

    /// <summary>How long a statement waits for another process's write lock before failing (30 s by default).</summary>
    public TimeSpan BusyTimeout { get; set; } = DefaultBusyTimeout;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first invalid setting.</summary>
    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(DataSource))
        {
            throw new ArgumentException(
                $"{nameof(SqlitePredictionLogOptions)}.{nameof(DataSource)} is required: set it to the path of the prediction log's SQLite file (e.g. 'data/predictions.db').",
                nameof(DataSource));
        }

        if (BusyTimeout < TimeSpan.Zero || BusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            throw new ArgumentException(
                $"{nameof(SqlitePredictionLogOptions)}.{nameof(BusyTimeout)} '{BusyTimeout}' is out of range: expected a duration from 0 to {TimeSpan.FromMilliseconds(int.MaxValue)}.",
                nameof(BusyTimeout));
        }
    }
}
