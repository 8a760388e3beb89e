using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MLOps.Durable.Testing.Azurite;

/// <summary>
/// A real Azurite (the Azure Storage emulator, npm <c>azurite</c> installed by scripts/install-test-deps.sh) on
/// free loopback ports, started by the test and killed on dispose. Its data lives in memory, or in a folder given
/// at start; then <see cref="StopAsync"/> and <see cref="RestartAsync"/> make an outage: the emulator goes away and
/// comes back on the same ports with the same blobs, queues and tables. Its connection string uses the well-known
/// development account, as <c>UseDevelopmentStorage=true</c> would.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    /// <summary>The emulator's well-known development account and key (public, the same in every install).</summary>
    public const string AccountName = "devstoreaccount1";
    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();
    private readonly string _script;
    private readonly string? _location;
    private Process? _process;

    private AzuriteProcess(string script, string? location, int blobPort, int queuePort, int tablePort)
    {
        _script = script;
        _location = location;
        BlobPort = blobPort;
        QueuePort = queuePort;
        TablePort = tablePort;
    }

    public int BlobPort { get; }

    public int QueuePort { get; }

    public int TablePort { get; }

    /// <summary>A connection string for the emulator's three services.</summary>
    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};TableEndpoint=http://127.0.0.1:{TablePort}/{AccountName};";

    /// <summary>What the emulator printed (for failure messages).</summary>
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

    /// <summary>Whether the emulator process is running (false between <see cref="StopAsync"/> and <see cref="RestartAsync"/>).</summary>
    public bool IsRunning => _process is { HasExited: false };

    /// <summary>Starts Azurite with in-memory persistence and waits until its three ports accept connections.</summary>
    /// <exception cref="FileNotFoundException">Azurite is not installed; the message says how to install it.</exception>
    public static Task<AzuriteProcess> StartAsync(CancellationToken cancellationToken) => StartAsync(location: null, cancellationToken);

    /// <summary>
    /// Starts Azurite and waits until its three ports accept connections; with <paramref name="location"/>, its
    /// blobs, queues and tables are kept in that folder, so that they outlive a <see cref="StopAsync"/>.
    /// </summary>
    /// <exception cref="FileNotFoundException">Azurite is not installed; the message says how to install it.</exception>
    public static async Task<AzuriteProcess> StartAsync(string? location, CancellationToken cancellationToken)
    {
        var azurite = new AzuriteProcess(Locate(), location, FreePort(), FreePort(), FreePort());
        await azurite.LaunchAsync(cancellationToken).ConfigureAwait(false);
        return azurite;
    }

    /// <summary>
    /// Stops the emulator as an operator would (SIGTERM: it closes its servers and saves its data), falling back to
    /// SIGKILL when it does not exit within <paramref name="grace"/> (default 10 s). Its ports refuse connections until
    /// <see cref="RestartAsync"/>.
    /// </summary>
    public async Task StopAsync(TimeSpan? grace = null)
    {
        if (_process is not { HasExited: false } process)
        {
            return;
        }

        using (var signal = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", $"{process.Id}" }, UseShellExecute = false }))
        {
            await signal!.WaitForExitAsync().ConfigureAwait(false);
        }

        using var patience = new CancellationTokenSource(grace ?? TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(patience.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().ConfigureAwait(false);
        }

        Append($"[test] Azurite stopped (exit code {process.ExitCode}).");
    }

    /// <summary>
    /// Starts the emulator again on the same ports and, when it was started with a location, the same data; waits
    /// until the ports accept connections.
    /// </summary>
    public async Task RestartAsync(CancellationToken cancellationToken)
    {
        if (IsRunning)
        {
            throw new InvalidOperationException("Azurite is running; stop it first.");
        }

        _process?.Dispose();
        _process = null;
        await LaunchAsync(cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        _process.Dispose();
    }

    private async Task LaunchAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
        {
            _script, "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--blobPort", $"{BlobPort}",
            "--queueHost", "127.0.0.1", "--queuePort", $"{QueuePort}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{TablePort}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (_location is null)
        {
            start.ArgumentList.Add("--inMemoryPersistence");
        }
        else
        {
            start.ArgumentList.Add("--location");
            start.ArgumentList.Add(_location);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("node could not be started; install Node.js 20+.");
        _process = process;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        foreach (var port in new[] { BlobPort, QueuePort, TablePort })
        {
            await WaitForPortAsync(process, port, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string Locate()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "node_modules", "azurite", "dist", "src", "azurite.js");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException(
            $"Azurite is not installed (no node_modules/azurite above {AppContext.BaseDirectory}); run 'bash scripts/install-test-deps.sh'.");
    }

    private async Task WaitForPortAsync(Process process, int port, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"Azurite exited with {process.ExitCode} before listening on {port}.\n{Output}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            _output.AppendLine(line);
        }
    }
}
