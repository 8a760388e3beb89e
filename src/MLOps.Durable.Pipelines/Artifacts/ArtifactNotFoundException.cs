namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>The run has no artifact of that name (maps to 404).</summary>
public sealed class ArtifactNotFoundException(string runId, string name, Exception? innerException = null)
    : ArtifactStoreException($"Run '{runId}' has no artifact '{name}': list the run's artifacts to see what it stored.", innerException)
{
    /// <summary>The run asked for.</summary>
    public string RunId { get; } = runId;

    /// <summary>The artifact name asked for.</summary>
    public string Name { get; } = name;
}
