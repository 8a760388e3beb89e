using MLOps.Durable.ML.Data;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The metric names definitions may use, per task, and which way is better.</summary>
public static class MetricNames
{
    /// <summary>Classification metrics (macro averages for precision, recall and F1).</summary>
    public static IReadOnlyList<string> Classification { get; } = ["accuracy", "precision", "recall", "f1", "rocAuc", "prAuc", "logLoss"];

    /// <summary>Regression metrics.</summary>
    public static IReadOnlyList<string> Regression { get; } = ["rmse", "mae", "r2"];

    /// <summary>Every known metric.</summary>
    public static IReadOnlyList<string> All { get; } = [.. Classification, .. Regression];

    /// <summary>The metrics for a task.</summary>
    public static IReadOnlyList<string> For(TaskKind task) => task == TaskKind.Regression ? Regression : Classification;

    /// <summary>Whether larger values of <paramref name="metric"/> are better.</summary>
    public static bool HigherIsBetter(string metric) => metric is not ("logLoss" or "rmse" or "mae");

    /// <summary>The known name matching <paramref name="name"/> ignoring case, or null.</summary>
    public static string? Canonical(string name) => All.FirstOrDefault(m => string.Equals(m, name, StringComparison.OrdinalIgnoreCase));
}
