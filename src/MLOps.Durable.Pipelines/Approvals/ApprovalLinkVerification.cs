namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>The result of checking an approval link token: valid, or the precise reason it is not.</summary>
/// <param name="Status">Valid or why not.</param>
/// <param name="Reason">A sentence for the reviewer saying what is wrong and what to do; empty when valid.</param>
/// <param name="ExpiresAt">When the token expires, once its signature was checked; null before that.</param>
public sealed record ApprovalLinkVerification(ApprovalLinkStatus Status, string Reason, DateTimeOffset? ExpiresAt)
{
    /// <summary>Whether the token may be used for the run and reviewer it was checked against.</summary>
    public bool IsValid => Status == ApprovalLinkStatus.Valid;
}
