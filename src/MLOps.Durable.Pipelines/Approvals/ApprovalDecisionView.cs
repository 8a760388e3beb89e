namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>A run's decision as callers see it (no remote address or user agent: those stay in the audit trail).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Reviewer">Who made the accepted decision.</param>
/// <param name="Approved">Whether it was an approval.</param>
/// <param name="Decision">"approve" or "reject".</param>
/// <param name="Comment">The reviewer's comment.</param>
/// <param name="DecidedAt">When it was accepted.</param>
/// <param name="Result">What became of this call: "accepted" or "duplicate".</param>
/// <param name="AuditSequence">The accepted decision's audit entry.</param>
public sealed record ApprovalDecisionView(
    string RunId, string Reviewer, bool Approved, string Decision, string? Comment, DateTimeOffset DecidedAt, string Result, long AuditSequence)
{
    /// <summary>The view of <paramref name="accepted"/> as answered to a call whose own result was <paramref name="result"/>.</summary>
    public static ApprovalDecisionView Of(ApprovalAuditEntry accepted, ApprovalAuditResult result)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        return new(accepted.RunId, accepted.Reviewer, accepted.Approved, accepted.Decision, accepted.Comment, accepted.Time, ApprovalAuditRules.ResultName(result), accepted.Sequence);
    }
}
