namespace MLOps.Durable.Pipelines.Registry;

/// <summary>The model exists but has no such version (maps to 404).</summary>
public sealed class ModelVersionNotFoundException(string model, int version, int latestVersion)
    : ModelRegistryException($"Model '{model}' has no version {version}: expected a version from 1 to {latestVersion}.")
{
    /// <summary>The model asked for.</summary>
    public string Model { get; } = model;

    /// <summary>The version asked for.</summary>
    public int Version { get; } = version;

    /// <summary>The model's highest version.</summary>
    public int LatestVersion { get; } = latestVersion;
}
