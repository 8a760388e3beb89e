using System.Diagnostics;
using System.Text.Json;

namespace MLOps.Durable.ML.Bench;

/// <summary>Runs reference.py (scikit-learn / XGBoost) on the same files and folds and reads its JSON.</summary>
internal static class ReferenceRunner
{
    public const string Python = "/usr/bin/python3";

    public static JsonElement? Run(string workdir, out string? problem)
    {
        var script = Path.Combine(AppContext.BaseDirectory, "reference.py");
        if (!File.Exists(Python))
        {
            problem = $"{Python} not found; run bench/ml.sh, which installs python3-sklearn and python3-xgboost.";
            return null;
        }

        var start = new ProcessStartInfo(Python, [script, workdir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            var text = stderr.Result.Trim();
            problem = text.Contains("No module named", StringComparison.Ordinal)
                ? $"the reference needs scikit-learn: run bench/ml.sh (it installs python3-sklearn and python3-xgboost). Python said: {text.Split('\n')[^1]}"
                : $"reference.py failed (exit {process.ExitCode}): {text}";
            return null;
        }

        problem = null;
        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
