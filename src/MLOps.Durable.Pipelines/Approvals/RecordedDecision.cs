namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>The outcome of <see cref="IApprovalAuditTrail.RecordDecisionAsync"/>.</summary>
/// <param name="Entry">The entry just appended (accepted, duplicate or conflict).</param>
/// <param name="Accepted">The run's accepted decision: <paramref name="Entry"/> itself when it was the first.</param>
public sealed record RecordedDecision(ApprovalAuditEntry Entry, ApprovalAuditEntry Accepted);
