namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>Base of the artifact store's own errors; the HTTP layer maps each subtype to a status (404, 400).</summary>
public abstract class ArtifactStoreException : DurableException
{
    protected ArtifactStoreException(string message)
        : base(message)
    {
    }

    protected ArtifactStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
