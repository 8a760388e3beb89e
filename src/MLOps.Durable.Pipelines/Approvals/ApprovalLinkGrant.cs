namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>A link token issued to a listed reviewer of a run; the host turns it into an absolute URL.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Reviewer">The reviewer, spelled as listed.</param>
/// <param name="Token">The signed token and its expiry.</param>
public sealed record ApprovalLinkGrant(string RunId, string Reviewer, ApprovalLinkToken Token);
