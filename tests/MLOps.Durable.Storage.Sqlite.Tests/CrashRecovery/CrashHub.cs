using System.Globalization;
using MLOps.Durable.History;

using MLOps.Durable.Testing.Processes;

namespace MLOps.Durable.Storage.Sqlite.Tests.CrashRecovery;

/// <summary>
/// A SQLite file in a fresh temporary folder that worker processes share, seen through this process's own store
/// on the real clock (the workers' locks expire in real time). The folder is deleted afterwards.
/// </summary>
internal sealed class CrashHub : IAsyncDisposable
{
    /// <summary>How often the history is read while another process writes it.</summary>
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(20);

    public CrashHub()
    {
        Folder = Path.Combine(Path.GetTempPath(), "mlops-durable-crash-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        DataSource = Path.Combine(Folder, "hub.db");

        // Opens the file on first use, so after the first worker has created it.
        Store = new SqliteDurableStore(new SqliteStoreOptions { DataSource = DataSource, TimeProvider = TimeProvider.System });
    }

    public string Folder { get; }

    public string DataSource { get; }

    public SqliteDurableStore Store { get; }

    /// <summary>
    /// Reads the history until <paramref name="condition"/> holds. Another process writes the file and this store's
    /// signal only covers its own commits, so the poll interval is what ends each wait. Fails with the worker's
    /// output when the worker exits or the time runs out first.
    /// </summary>
    public async Task<IReadOnlyList<HistoryEvent>> WaitForHistoryAsync(
        string instanceId, string what, Func<IReadOnlyList<HistoryEvent>, bool> condition, CrashWorkerProcess worker, CancellationToken cancellationToken)
    {
        IReadOnlyList<HistoryEvent> history = [];
        try
        {
            while (true)
            {
                var seen = Store.InstanceChanges.Version;
                history = await Store.GetHistoryAsync(instanceId, cancellationToken);
                if (condition(history))
                {
                    return history;
                }

                if (worker.HasExited)
                {
                    Assert.Fail($"Worker {worker.Name} exited before the history had {what}; it has {Summarize(history)}.\n{worker.Describe()}");
                }

                await Store.InstanceChanges.WaitAsync(seen, PollInterval, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"The history did not get {what} within the test timeout; it has {Summarize(history)}.\n{worker.Describe()}");
            throw;
        }
    }

    /// <summary>
    /// The activity executions the workers logged, in order: "instance step pid" lines in <c>&lt;db&gt;.activity-log</c>
    /// (written by the worker's ActivityLog).
    /// </summary>
    public IReadOnlyList<(string InstanceId, int Step, int Pid)> ReadActivityLog()
    {
        var path = DataSource + ".activity-log";
        if (!File.Exists(path))
        {
            return [];
        }

        return File.ReadAllLines(path)
            .Select(line => line.Split(' '))
            .Select(fields => fields.Length == 3
                ? (fields[0], int.Parse(fields[1], CultureInfo.InvariantCulture), int.Parse(fields[2], CultureInfo.InvariantCulture))
                : throw new FormatException($"Activity log line '{string.Join(' ', fields)}' is not 'instance step pid'."))
            .ToList();
    }

    /// <summary>Event counts by type, e.g. "ExecutionStarted x1, TaskScheduled x31, ...".</summary>
    public static string Summarize(IReadOnlyList<HistoryEvent> history) =>
        history.Count == 0
            ? "no events"
            : string.Join(", ", history.GroupBy(e => e.EventType).Select(g => $"{g.Key} x{g.Count()}"));

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }
}
