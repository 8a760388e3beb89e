namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>A signed approval link token and when it stops working.</summary>
/// <param name="Value">The token: base64url(payload) "." base64url(HMAC-SHA256); see Approvals/README.md.</param>
/// <param name="ExpiresAt">The expiry, to the second.</param>
public sealed record ApprovalLinkToken(string Value, DateTimeOffset ExpiresAt);
