using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>
/// The real host as a child process (<c>dotnet MLOps.Durable.Host.dll</c>) on a free loopback port over a
/// content root, with its output captured for failure messages; <see cref="Kill"/> sends SIGKILL.
/// </summary>
internal sealed class HostProcess : IDisposable
{
    public const string MasterKey = "recovery-master-key";
    public const string FunctionKey = "recovery-function-key";

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Lock _gate = new();

    private HostProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress };
        Http.DefaultRequestHeaders.Add("x-functions-key", MasterKey);
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    /// <summary>Whether the process has ended (crashed or killed).</summary>
    public bool HasExited => _process.HasExited;

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

    /// <summary>Starts the host and waits until /api/health answers 200.</summary>
    public static async Task<HostProcess> StartAsync(string contentRoot, CancellationToken cancellationToken)
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MLOps.Durable.Host.dll"));
        foreach (var argument in new[] { "--urls", $"http://127.0.0.1:{port}", "--contentRoot", contentRoot, "--MLOPS_MASTER_KEY", MasterKey, "--MLOPS_FUNCTION_KEY", FunctionKey })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start)!;
        var host = new HostProcess(process, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        while (true)
        {
            if (process.HasExited)
            {
                Assert.Fail($"The host exited with {process.ExitCode} before it was healthy.\n{host.Output}");
            }

            try
            {
                using var health = await host.Http.GetAsync("/api/health", cancellationToken);
                if (health.StatusCode == HttpStatusCode.OK)
                {
                    return host;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed beyond what was committed.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            Kill();
        }

        Http.Dispose();
        _process.Dispose();
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
