namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Finds <c>libonnxruntime.so.1</c>: the file named by <c>MLOPS_ONNXRUNTIME_PATH</c>, else the copy that npm
/// <c>onnxruntime-node</c> installs under <c>node_modules</c>, searched from the application's base directory
/// and the current directory upward.
/// </summary>
internal static class OnnxRuntimeLocator
{
    /// <summary>Environment variable holding the library's file path.</summary>
    public const string EnvironmentVariable = "MLOPS_ONNXRUNTIME_PATH";

    /// <summary>Where npm <c>onnxruntime-node</c> keeps the Linux x64 CPU library, relative to a folder holding node_modules.</summary>
    public static readonly string RelativeLibraryPath =
        Path.Combine("node_modules", "onnxruntime-node", "bin", "napi-v6", "linux", "x64", "libonnxruntime.so.1");

    private const string InstallHint =
        "Install it with 'bash scripts/install-test-deps.sh' (or 'npm install --ignore-scripts' in the repository root), " +
        "or set " + EnvironmentVariable + " to the path of libonnxruntime.so.1.";

    /// <summary>Locates the library from the environment variable, the base directory and the current directory.</summary>
    public static string Locate() => Locate(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        [AppContext.BaseDirectory, Environment.CurrentDirectory]);

    /// <summary>Locates the library from an explicit path, else by walking up from each start directory.</summary>
    public static string Locate(string? configuredPath, IEnumerable<string> startDirectories)
    {
        if (!string.IsNullOrWhiteSpace(configuredPath))
        {
            var full = Path.GetFullPath(configuredPath);
            return File.Exists(full)
                ? full
                : throw new OnnxRuntimeNotFoundException(
                    $"{EnvironmentVariable} is '{configuredPath}', but there is no file at {full}. {InstallHint}",
                    [full]);
        }

        var searched = new List<string>();
        foreach (var start in startDirectories)
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, RelativeLibraryPath);
                if (searched.Contains(candidate))
                {
                    break;
                }

                searched.Add(candidate);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new OnnxRuntimeNotFoundException(
            $"ONNX Runtime (libonnxruntime.so.1) was not found. {EnvironmentVariable} is not set, and none of these exist: " +
            $"{string.Join(", ", searched)}. {InstallHint}",
            searched);
    }
}
