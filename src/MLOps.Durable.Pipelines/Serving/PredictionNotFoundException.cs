namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The prediction log has no prediction with this id (maps to 404).</summary>
public sealed class PredictionNotFoundException(Guid predictionId)
    : ServingException($"Prediction '{predictionId}' is not in the prediction log: use a predictionId returned by predict.")
{
    /// <summary>The id asked for.</summary>
    public Guid PredictionId { get; } = predictionId;
}
