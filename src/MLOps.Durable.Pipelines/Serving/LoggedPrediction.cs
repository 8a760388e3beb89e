namespace MLOps.Durable.Pipelines.Serving;

/// <summary>A prediction as read back from the log, with its position so a reader can page on.</summary>
/// <param name="Sequence">Position in the log, increasing across models (gaps are possible).</param>
/// <param name="Prediction">The prediction.</param>
public sealed record LoggedPrediction(long Sequence, PredictionRecord Prediction);
