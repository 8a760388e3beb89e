using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Bench;

/// <summary>One data set with its folds, the metric to report and whether its target is a class.</summary>
internal sealed record Workload(string Name, string File, string Task, string Metric, string Target, IReadOnlyList<CrossValidationFold> Folds, bool Synthetic = false)
{
    public bool Classification => Task != "regression";
}
