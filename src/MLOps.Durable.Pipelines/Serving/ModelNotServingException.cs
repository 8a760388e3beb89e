namespace MLOps.Durable.Pipelines.Serving;

/// <summary>The model is registered but cannot serve: no production version, or its artifacts are missing (maps to 409).</summary>
public sealed class ModelNotServingException(string model, string message) : ServingException(message)
{
    /// <summary>The model asked for.</summary>
    public string Model { get; } = model;
}
