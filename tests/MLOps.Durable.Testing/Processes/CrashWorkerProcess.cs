using System.Diagnostics;
using System.Text;
using Xunit;

namespace MLOps.Durable.Testing.Processes;

/// <summary>
/// One run of tests/MLOps.Durable.CrashWorker (SQLite crash recovery, Azure Storage scale-out) as a child process (<c>dotnet MLOps.Durable.CrashWorker.dll ...</c>),
/// with its standard output and error captured for failure messages.
/// </summary>
public sealed class CrashWorkerProcess : IDisposable
{
    private static readonly Lazy<string> WorkerDll = new(LocateWorkerDll);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<Thread> _readers = [];

    private CrashWorkerProcess(string name, Process process)
    {
        Name = name;
        _process = process;
    }

    /// <summary>The name failure messages use ("A", "B").</summary>
    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Everything the process wrote so far, one line each, prefixed with the stream.</summary>
    public string Output
    {
        get
        {
            lock (_gate)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the worker with <paramref name="arguments"/> (see the usage in its Program.cs).</summary>
    public static CrashWorkerProcess Start(string name, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,

            // Kept open and never written: the worker's start modes stop when their standard input closes.
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(WorkerDll.Value);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        var process = new Process { StartInfo = start };
        var worker = new CrashWorkerProcess(name, process);
        process.Start();
        worker.Read(process.StandardOutput, worker.OnOutput);
        worker.Read(process.StandardError, line => worker.Append("err", line));
        return worker;
    }

    /// <summary>Waits until the worker printed its <c>ready</c> line; fails with its output when it exits or time runs out first.</summary>
    public async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _ready.Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Assert.Fail($"Worker {Name} did not print 'ready' within the test timeout.\n{Describe()}");
        }
    }

    /// <summary>Kills the process (SIGKILL on Unix: no handler, no flush, no cleanup) and returns its exit code.</summary>
    public int Kill()
    {
        _process.Kill(entireProcessTree: false);
        _process.WaitForExit();
        DrainOutput();
        return _process.ExitCode;
    }

    /// <summary>Waits for the process to exit and returns its exit code; on timeout kills it and fails with its output.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
            DrainOutput();
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            Kill();
            Assert.Fail($"Worker {Name} did not exit within the test timeout and was killed.\n{Describe()}");
            throw;
        }
    }

    /// <summary>The process's id, exit state and output, for failure messages.</summary>
    public string Describe()
    {
        var state = _process.HasExited ? $"exit code {_process.ExitCode}" : "still running";
        return $"--- worker {Name} (pid {_process.Id}, {state}) ---\n{Output}";
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        DrainOutput();
        _process.StandardInput.Dispose();
        _process.Dispose();
    }

    /// <summary>
    /// Reads a stream line by line on a thread of its own rather than the thread pool: a pipe read blocks for the
    /// life of the child, and the test host's pool is small on a two-core machine (it was seen stalled for about a
    /// second at the start of a run).
    /// </summary>
    private void Read(StreamReader stream, Action<string?> onLine)
    {
        var reader = new Thread(() =>
        {
            string? line;
            do
            {
                line = stream.ReadLine();
                onLine(line);
            }
            while (line is not null);
        })
        {
            IsBackground = true,
            Name = $"crash worker {Name} output",
        };
        reader.Start();
        _readers.Add(reader);
    }

    /// <summary>Waits until the exited process's last lines have been read (its pipes close when it exits).</summary>
    private void DrainOutput()
    {
        foreach (var reader in _readers)
        {
            reader.Join(TimeSpan.FromSeconds(5));
        }
    }

    private void OnOutput(string? line)
    {
        Append("out", line);
        if (line is null)
        {
            _ready.TrySetException(new InvalidOperationException($"Worker {Name} closed its output before printing 'ready'.\n{Describe()}"));
        }
        else if (line.StartsWith("ready", StringComparison.Ordinal))
        {
            _ready.TrySetResult();
        }
    }

    private void Append(string stream, string? line)
    {
        if (line is not null)
        {
            lock (_gate)
            {
                _output.Append(stream).Append(": ").AppendLine(line);
            }
        }
    }

    /// <summary>
    /// The worker's dll in the same configuration and target framework as this test assembly: the test runs from
    /// tests/&lt;project&gt;/bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/, and the worker is built (the test project
    /// references it without using its assembly) to the same place under tests/MLOps.Durable.CrashWorker.
    /// </summary>
    private static string LocateWorkerDll()
    {
        var testOutput = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var bin = new DirectoryInfo(testOutput);
        while (bin is not null && bin.Name != "bin")
        {
            bin = bin.Parent;
        }

        if (bin?.Parent?.Parent is not { } testsFolder)
        {
            throw new InvalidOperationException($"The test assembly runs from '{testOutput}', which is not under a 'bin' folder of a project in tests/.");
        }

        var configurationAndFramework = Path.GetRelativePath(bin.FullName, testOutput);
        var dll = Path.Combine(testsFolder.FullName, "MLOps.Durable.CrashWorker", "bin", configurationAndFramework, "MLOps.Durable.CrashWorker.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"The crash worker is not built at '{dll}'; build tests/MLOps.Durable.CrashWorker for '{configurationAndFramework}' (building the test project does).",
                dll);
    }

    /// <summary>The dotnet host that runs the tests (set by the SDK), else the one on PATH.</summary>
    private static string DotnetHost()
    {
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host))
        {
            return host;
        }

        return Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
    }
}
