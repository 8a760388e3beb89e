namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The answer for one row: its prediction id (for feedback) and the label with class probabilities, or the value.</summary>
/// <param name="PredictionId">The id under which the row is logged; post ground truth with it.</param>
/// <param name="Label">The most probable class (classification), else null.</param>
/// <param name="Probabilities">Probability per class label, in class order (classification), else null.</param>
/// <param name="Value">The predicted value (regression), else null.</param>
public sealed record RowPrediction(Guid PredictionId, string? Label, IReadOnlyDictionary<string, double>? Probabilities, double? Value);
