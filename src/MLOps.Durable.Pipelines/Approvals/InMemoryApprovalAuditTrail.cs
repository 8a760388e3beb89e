namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>The approval audit trail in memory, for tests and single-process hosts; one lock makes each record atomic.</summary>
public sealed class InMemoryApprovalAuditTrail(TimeProvider? time = null) : IApprovalAuditTrail
{
    private readonly Lock _gate = new();
    private readonly List<ApprovalAuditEntry> _entries = [];
    private readonly Dictionary<string, ApprovalAuditEntry> _accepted = new(StringComparer.Ordinal);
    private readonly TimeProvider _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<RecordedDecision> RecordDecisionAsync(ApprovalAttempt attempt, CancellationToken cancellationToken = default)
    {
        attempt = ApprovalAuditRules.Checked(attempt);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var accepted = _accepted.GetValueOrDefault(attempt.RunId);
            var (result, reason) = ApprovalAuditRules.Classify(attempt, accepted);
            var entry = Append(attempt, result, reason);
            if (accepted is null)
            {
                _accepted[attempt.RunId] = entry;
            }

            return Task.FromResult(new RecordedDecision(entry, accepted ?? entry));
        }
    }

    /// <inheritdoc />
    public Task<ApprovalAuditEntry> RecordRefusalAsync(ApprovalAttempt attempt, string reason, CancellationToken cancellationToken = default)
    {
        attempt = ApprovalAuditRules.Checked(attempt);
        reason = ApprovalAuditRules.Reason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Append(attempt, ApprovalAuditResult.Refused, reason));
        }
    }

    /// <inheritdoc />
    public Task<ApprovalAuditEntry?> GetAcceptedAsync(string runId, CancellationToken cancellationToken = default)
    {
        ApprovalAuditRules.Query(runId, 0, 1);
        lock (_gate)
        {
            return Task.FromResult(_accepted.GetValueOrDefault(runId));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalAuditEntry>> GetEntriesAsync(
        string? runId = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default)
    {
        ApprovalAuditRules.Query(runId, afterSequence, maxEntries);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<ApprovalAuditEntry>>(
                [.. _entries.Where(e => e.Sequence > afterSequence && (runId is null || e.RunId == runId)).Take(maxEntries)]);
        }
    }

    private ApprovalAuditEntry Append(ApprovalAttempt attempt, ApprovalAuditResult result, string? reason)
    {
        var entry = ApprovalAuditRules.Entry(_entries.Count + 1, _time.GetUtcNow(), attempt, result, reason);
        _entries.Add(entry);
        return entry;
    }
}
