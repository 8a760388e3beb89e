using System.Diagnostics;

namespace MLOps.Durable.ML.Tests.Onnx;

/// <summary>
/// Runs Debian's <c>/usr/bin/python3</c> with the <c>onnx</c> package (python3-onnx) as an independent
/// reader of the models the builder writes.
/// </summary>
internal static class PythonOnnx
{
    public const string Interpreter = "/usr/bin/python3";
    public const string AllowMissingVariable = "MLOPS_ALLOW_MISSING_PYTHON_ONNX";

    private static readonly Lazy<bool> Importable = new(() => File.Exists(Interpreter) && RunScript("import onnx", []).ExitCode == 0);

    public static bool IsAvailable => Importable.Value;

    public static bool MissingIsAllowed => Environment.GetEnvironmentVariable(AllowMissingVariable) == "1";

    public static string MissingMessage =>
        $"{Interpreter} cannot import onnx (Debian package python3-onnx); run 'bash scripts/install-test-deps.sh' " +
        $"(as root), or set {AllowMissingVariable}=1 to skip the onnx.checker tests.";

    /// <summary>Fails the test with the install hint when python3-onnx is missing (skips happen in the attribute).</summary>
    public static void RequireAvailable()
    {
        if (!IsAvailable)
        {
            Assert.Fail(MissingMessage);
        }
    }

    /// <summary>Writes <paramref name="model"/> to a temp file and runs <paramref name="script"/> with its path as argv[1].</summary>
    public static (int ExitCode, string Output) RunOnModel(byte[] model, string script)
    {
        var path = Path.Combine(Path.GetTempPath(), $"mlops-onnx-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, model);
        try
        {
            return RunScript(script, [path]);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static (int ExitCode, string Output) RunScript(string script, string[] arguments)
    {
        var start = new ProcessStartInfo(Interpreter)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output + error.Result);
    }
}
