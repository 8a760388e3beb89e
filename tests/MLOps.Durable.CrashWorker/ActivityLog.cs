using System.Globalization;

namespace MLOps.Durable.CrashWorker;

/// <summary>
/// Appends one line per finished activity execution, "instance step pid", to a file next to the database, so
/// a test can see which process ran which step (activities are at-least-once; the history is exactly-once).
/// </summary>
internal sealed class ActivityLog(string path)
{
    /// <summary>The file's suffix: the log of <c>hub.db</c> is <c>hub.db.activity-log</c>.</summary>
    public const string Suffix = ".activity-log";

    private readonly Lock _gate = new();

    public void Append(string instanceId, int step)
    {
        // One short write per line, so a kill cannot leave half a line for the next process to continue.
        var line = string.Create(CultureInfo.InvariantCulture, $"{instanceId} {step} {Environment.ProcessId}\n");
        lock (_gate)
        {
            File.AppendAllText(path, line);
        }
    }
}
