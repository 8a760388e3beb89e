namespace MLOps.Durable.Pipelines.Registry;

/// <summary>Base of the model registry's own errors; the HTTP layer maps each subtype to a status (404, 400, 409).</summary>
public abstract class ModelRegistryException : DurableException
{
    protected ModelRegistryException(string message)
        : base(message)
    {
    }

    protected ModelRegistryException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
