namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>Base of the approval feature's own errors; the HTTP layer maps each subtype to a status.</summary>
public abstract class ApprovalException : DurableException
{
    protected ApprovalException(string message)
        : base(message)
    {
    }
}
