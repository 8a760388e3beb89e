namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The request is valid but the model's current state does not allow it, e.g. a promote without a canary (maps to 409).</summary>
public sealed class ModelRegistryConflictException(string model, string message) : ModelRegistryException(message)
{
    /// <summary>The model the request was about.</summary>
    public string Model { get; } = model;
}
