namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The log already holds something else for this prediction: other feedback, or the id itself on append (maps to 409).</summary>
public sealed class PredictionConflictException(Guid predictionId, string message) : ServingException(message)
{
    /// <summary>The prediction the request was about.</summary>
    public Guid PredictionId { get; } = predictionId;
}
