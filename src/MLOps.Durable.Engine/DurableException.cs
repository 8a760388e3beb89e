namespace MLOps.Durable;

/// <summary>Base of the engine's own exceptions, so callers can tell them from the rest.</summary>
public abstract class DurableException : Exception
{
    protected DurableException(string message)
        : base(message)
    {
    }

    protected DurableException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
