namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// One decision in the append-only approval audit trail: who, when, what, why, from where, and what became of
/// it. Entries are never updated or deleted.
/// </summary>
/// <param name="Sequence">Position in the trail, increasing across runs (gaps are possible).</param>
/// <param name="Time">When it was recorded (the trail's clock).</param>
/// <param name="RunId">The run decided on.</param>
/// <param name="Pipeline">The run's pipeline, if known.</param>
/// <param name="Reviewer">Who decided.</param>
/// <param name="Approved">Approve (true) or reject (false).</param>
/// <param name="Comment">The reviewer's comment.</param>
/// <param name="Channel">Link or API.</param>
/// <param name="RemoteAddress">The caller's IP address.</param>
/// <param name="UserAgent">The caller's User-Agent (cut at 500 characters).</param>
/// <param name="Result">Accepted, duplicate, conflict or refused.</param>
/// <param name="Reason">Why it was a duplicate, a conflict or refused; null when accepted.</param>
public sealed record ApprovalAuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string RunId,
    string? Pipeline,
    string Reviewer,
    bool Approved,
    string? Comment,
    ApprovalChannel Channel,
    string? RemoteAddress,
    string? UserAgent,
    ApprovalAuditResult Result,
    string? Reason)
{
    /// <summary>"approve" or "reject", as stored.</summary>
    public string Decision => Approved ? "approve" : "reject";
}
