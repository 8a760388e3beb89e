namespace MLOps.Durable.Pipelines.Stages;

/// <summary>A reviewer's decision, raised to the run as the <see cref="EventName"/> external event.</summary>
/// <param name="Approved">Approve (true) or reject (false).</param>
/// <param name="Reviewer">Who decided (a listed reviewer, "auto" or "timeout").</param>
/// <param name="Comment">Why.</param>
public sealed record ApprovalDecision(bool Approved, string Reviewer, string? Comment = null)
{
    /// <summary>The external event name the run waits on.</summary>
    public const string EventName = "ApprovalDecision";
}
