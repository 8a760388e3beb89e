using System.Diagnostics;

namespace MLOps.Durable.Cli.Tests.Harness;

/// <summary>
/// Runs the built CLI (<c>dotnet mlops.dll ...</c>) with stdout and stderr redirected, as a script would, and an
/// environment of the test's choosing: no MLOPS_* variable leaks in from the machine running the tests.
/// </summary>
public static class MlopsProcess
{
    private static readonly Lazy<string> CliDll = new(LocateCliDll);

    /// <summary>Runs <c>mlops</c> with <paramref name="arguments"/>; <paramref name="environment"/> sets (or, with null, removes) variables.</summary>
    public static async Task<CliResult> RunAsync(IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string?> environment, CancellationToken cancellationToken, string? workingDirectory = null)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        start.ArgumentList.Add(CliDll.Value);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MLOPS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"mlops {string.Join(' ', arguments)} did not exit within the test timeout and was killed.");
        }

        return new CliResult(string.Join(' ', arguments), process.ExitCode, await stdout, await stderr);
    }

    /// <summary>
    /// mlops.dll in the same configuration and target framework as this test assembly: the tests run from
    /// tests/MLOps.Durable.Cli.Tests/bin/&lt;Configuration&gt;/&lt;TargetFramework&gt;/, and the CLI (referenced without
    /// its assembly) builds to src/MLOps.Durable.Cli/bin/ under the same two folders.
    /// </summary>
    private static string LocateCliDll()
    {
        var testOutput = Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory);
        var bin = new DirectoryInfo(testOutput);
        while (bin is not null && bin.Name != "bin")
        {
            bin = bin.Parent;
        }

        if (bin?.Parent?.Parent?.Parent is not { } repository)
        {
            throw new InvalidOperationException($"The test assembly runs from '{testOutput}', which is not under a 'bin' folder of a project in tests/.");
        }

        var configurationAndFramework = Path.GetRelativePath(bin.FullName, testOutput);
        var dll = Path.Combine(repository.FullName, "src", "MLOps.Durable.Cli", "bin", configurationAndFramework, "mlops.dll");
        return File.Exists(dll)
            ? dll
            : throw new FileNotFoundException(
                $"The CLI is not built at '{dll}'; build src/MLOps.Durable.Cli for '{configurationAndFramework}' (building the test project does).",
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
