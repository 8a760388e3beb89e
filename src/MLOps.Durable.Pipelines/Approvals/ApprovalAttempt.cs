namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>A decision as a reviewer sent it, with where it came from; what the audit trail records.</summary>
/// <param name="RunId">The run decided on.</param>
/// <param name="Pipeline">The run's pipeline, when known (a refused link for an unknown run has none).</param>
/// <param name="Reviewer">Who decided (as listed, once checked; as given otherwise).</param>
/// <param name="Approved">Approve (true) or reject (false).</param>
/// <param name="Comment">Why, as the reviewer wrote it.</param>
/// <param name="Channel">Link or API.</param>
/// <param name="RemoteAddress">The caller's IP address as the host saw it (no proxy headers are trusted).</param>
/// <param name="UserAgent">The caller's User-Agent header.</param>
public sealed record ApprovalAttempt(
    string RunId,
    string? Pipeline,
    string Reviewer,
    bool Approved,
    string? Comment,
    ApprovalChannel Channel,
    string? RemoteAddress,
    string? UserAgent);
