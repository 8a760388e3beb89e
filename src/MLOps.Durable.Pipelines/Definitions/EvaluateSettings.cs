using MLOps.Durable.ML.Data;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>evaluate</c> section.</summary>
/// <param name="Metrics">Metrics to report; the first is the primary one (sweep winner, production comparison). Empty: the task's own (see <see cref="MetricsFor"/>).</param>
/// <param name="Gates">Conditions the candidate must meet, e.g. <c>rocAuc >= 0.97</c>.</param>
/// <param name="BeatProductionBy">Margin by which the primary metric must beat the production version (in the better direction), or null.</param>
public sealed record EvaluateSettings(IReadOnlyList<string> Metrics, IReadOnlyList<MetricGate> Gates, double? BeatProductionBy)
{
    /// <summary>The metrics to report for <paramref name="task"/>: the listed ones, or by default the task's (ROC AUC first for binary, accuracy for multiclass, R² for regression).</summary>
    public IReadOnlyList<string> MetricsFor(TaskKind task) => Metrics.Count > 0 ? Metrics : task switch
    {
        TaskKind.BinaryClassification => ["rocAuc", "accuracy", "f1", "logLoss"],
        TaskKind.MulticlassClassification => ["accuracy", "f1", "logLoss"],
        _ => MetricNames.Regression.Reverse().ToList(),
    };

    /// <summary>The metric that picks the sweep winner and is compared with production.</summary>
    public string PrimaryMetricFor(TaskKind task) => MetricsFor(task)[0];
}
