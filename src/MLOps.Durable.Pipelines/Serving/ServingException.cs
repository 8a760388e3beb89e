namespace MLOps.Durable.Pipelines.Serving;

/// <summary>Base of serving and prediction log errors; the HTTP layer maps each subtype to a status (400, 404, 409, 413).</summary>
public abstract class ServingException : DurableException
{
    protected ServingException(string message)
        : base(message)
    {
    }
}
