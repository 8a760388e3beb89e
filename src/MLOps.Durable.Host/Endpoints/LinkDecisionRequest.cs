namespace MLOps.Durable.Host.Endpoints;

/// <summary>Body of <c>POST /api/approvals/{runId}/decide</c>: approve or reject, and why (the reviewer is the link's).</summary>
internal sealed record LinkDecisionRequest(bool? Approved, string? Comment = null);
