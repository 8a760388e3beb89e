namespace MLOps.Durable.Host.Endpoints;

/// <summary>Body of <c>POST /api/approvals/{runId}/links</c>: the reviewer and, optionally, how long the link works (e.g. <c>72h</c>).</summary>
internal sealed record ApprovalLinkRequest(string? Reviewer, string? Lifetime = null);
