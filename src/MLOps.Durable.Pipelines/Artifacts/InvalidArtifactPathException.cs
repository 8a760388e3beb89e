namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>
/// A run id or artifact name that could leave the run's folder or is not portable ('..', an absolute path,
/// '\', a control character, ...); refused before any file is touched (maps to 400).
/// </summary>
public sealed class InvalidArtifactPathException(string field, string message) : ArtifactStoreException(message)
{
    /// <summary>Which value was refused: "runId" or "name".</summary>
    public string Field { get; } = field;
}
