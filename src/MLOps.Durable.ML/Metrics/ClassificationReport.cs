namespace MLOps.Durable.ML.Metrics;

/// <summary>
/// Classification quality on one data set. Macro averages are unweighted means over all classes, including
/// classes that never occur (which contribute 0, as scikit-learn with explicit labels does).
/// </summary>
/// <param name="SampleCount">Number of rows evaluated.</param>
/// <param name="Accuracy">Share of rows whose predicted class (arg max, first on ties) is the actual class.</param>
/// <param name="MacroPrecision">Mean of the per-class precisions.</param>
/// <param name="MacroRecall">Mean of the per-class recalls.</param>
/// <param name="MacroF1">Mean of the per-class F1 scores.</param>
/// <param name="Classes">Per-class metrics, in class index order.</param>
/// <param name="RocAuc">Area under the ROC curve (binary: of class 1; multiclass: one-vs-rest macro); null when a class is absent from the actual labels, where it is undefined.</param>
/// <param name="PrAuc">Average precision (binary: of class 1; multiclass: one-vs-rest macro); null under the same condition as <paramref name="RocAuc"/>.</param>
/// <param name="LogLoss">Mean negative log-likelihood of the actual class, probabilities clipped to [ε, 1-ε] and renormalized per row.</param>
/// <param name="ConfusionMatrix">Counts indexed [actual][predicted].</param>
public sealed record ClassificationReport(
    int SampleCount,
    double Accuracy,
    double MacroPrecision,
    double MacroRecall,
    double MacroF1,
    IReadOnlyList<ClassMetrics> Classes,
    double? RocAuc,
    double? PrAuc,
    double LogLoss,
    int[][] ConfusionMatrix);
