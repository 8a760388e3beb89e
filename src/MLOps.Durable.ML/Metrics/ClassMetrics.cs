namespace MLOps.Durable.ML.Metrics;

/// <summary>Precision, recall and F1 of one class treated as the positive class.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Precision">TP / (TP + FP); 0 when the class is never predicted (scikit-learn's zero_division=0).</param>
/// <param name="Recall">TP / (TP + FN); 0 when the class never occurs.</param>
/// <param name="F1">Harmonic mean of precision and recall; 0 when both are 0.</param>
/// <param name="Support">How many rows actually belong to the class.</param>
public sealed record ClassMetrics(string Name, double Precision, double Recall, double F1, int Support);
