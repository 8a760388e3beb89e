namespace MLOps.Durable.Pipelines.Registry;

/// <summary>No version of the model was ever registered (maps to 404).</summary>
public sealed class ModelNotFoundException(string model)
    : ModelRegistryException($"Model '{model}' is not in the registry: register a version of it first.")
{
    /// <summary>The model asked for.</summary>
    public string Model { get; } = model;
}
