namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The model exists but the alias is not set on any of its versions (maps to 404).</summary>
public sealed class ModelAliasNotFoundException(string model, string alias)
    : ModelRegistryException($"Model '{model}' has no '{alias}' version: set the alias first.")
{
    /// <summary>The model asked for.</summary>
    public string Model { get; } = model;

    /// <summary>The alias asked for.</summary>
    public string Alias { get; } = alias;
}
