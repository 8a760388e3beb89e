namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>What became of a decision (stored by its lowercase name).</summary>
public enum ApprovalAuditResult
{
    /// <summary>The run's first accepted decision: handed to the run.</summary>
    Accepted,

    /// <summary>The same answer as the accepted decision: answered as before, nothing raised again.</summary>
    Duplicate,

    /// <summary>The other answer after an accepted decision: refused with 409.</summary>
    Conflict,

    /// <summary>Refused before deciding (not a reviewer, bad or expired link, finished run, not waiting); the entry's reason says which.</summary>
    Refused,
}
