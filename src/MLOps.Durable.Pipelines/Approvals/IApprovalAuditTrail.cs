namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The append-only record of every approval decision, which also decides idempotency per run: the first
/// accepted decision wins; the same answer again is a duplicate, the other answer a conflict. Two backends pass
/// the same conformance suite: <see cref="InMemoryApprovalAuditTrail"/> and <see cref="SqliteApprovalAuditTrail"/>.
/// </summary>
public interface IApprovalAuditTrail
{
    /// <summary>
    /// Atomically classifies and appends <paramref name="attempt"/>: accepted when the run has no accepted decision
    /// yet, duplicate when the accepted one has the same answer, conflict when it has the other.
    /// </summary>
    /// <exception cref="InvalidApprovalRequestException">A field breaks a rule (empty reviewer, comment too long, ...).</exception>
    Task<RecordedDecision> RecordDecisionAsync(ApprovalAttempt attempt, CancellationToken cancellationToken = default);

    /// <summary>Appends a refused attempt with <paramref name="reason"/> (not a reviewer, bad link, finished run, ...).</summary>
    /// <exception cref="InvalidApprovalRequestException">A field breaks a rule.</exception>
    Task<ApprovalAuditEntry> RecordRefusalAsync(ApprovalAttempt attempt, string reason, CancellationToken cancellationToken = default);

    /// <summary>The run's accepted decision, or null when none was accepted yet.</summary>
    Task<ApprovalAuditEntry?> GetAcceptedAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Entries after <paramref name="afterSequence"/> in sequence order, for one run or all, at most <paramref name="maxEntries"/> (1 to 1000).</summary>
    Task<IReadOnlyList<ApprovalAuditEntry>> GetEntriesAsync(
        string? runId = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default);
}
