namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>What an <see cref="ApprovalService"/> call came to; the host maps each to one HTTP status.</summary>
public enum ApprovalOutcome
{
    /// <summary>Shown (200).</summary>
    Ok,

    /// <summary>A link was issued (201).</summary>
    Created,

    /// <summary>The run's first decision, handed to the run (202).</summary>
    Accepted,

    /// <summary>The same answer as the accepted decision (200, answered as before).</summary>
    Duplicate,

    /// <summary>The other answer after an accepted decision (409).</summary>
    Conflict,

    /// <summary>The run is not at the approval stage and nothing was decided yet (409).</summary>
    NotWaiting,

    /// <summary>A request field is invalid (400).</summary>
    Invalid,

    /// <summary>Not a listed reviewer, or the link is forged, expired or for another run or reviewer (403).</summary>
    Forbidden,

    /// <summary>No such pipeline run (404).</summary>
    NotFound,

    /// <summary>The run has finished; decisions are no longer taken (410).</summary>
    Finished,
}
