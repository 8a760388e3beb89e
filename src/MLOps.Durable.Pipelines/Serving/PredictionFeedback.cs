namespace MLOps.Durable.Pipelines.Serving;

/// <summary>A prediction paired with the ground truth posted for it, for performance monitoring.</summary>
/// <param name="Sequence">The prediction's position in the log (page on with the last one).</param>
/// <param name="Prediction">The prediction.</param>
/// <param name="ActualJson">The ground truth as compact JSON (a label string, a number, ...).</param>
/// <param name="ReceivedAt">When the feedback was first recorded (the log's clock).</param>
public sealed record PredictionFeedback(long Sequence, PredictionRecord Prediction, string ActualJson, DateTimeOffset ReceivedAt);
