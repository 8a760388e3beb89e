namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The <c>approve</c> section: a durable wait for a reviewer's decision raced against a timer.</summary>
/// <param name="Reviewers">Who may decide; only their decisions count.</param>
/// <param name="Timeout">How long to wait.</param>
/// <param name="OnTimeout">What happens when nobody decided in time.</param>
/// <param name="RemindEvery">Interval for reminder events while waiting, or null.</param>
/// <param name="AutoApprove">A gate that, when met, approves without waiting, or null.</param>
public sealed record ApproveSettings(
    IReadOnlyList<string> Reviewers,
    TimeSpan Timeout,
    TimeoutAction OnTimeout,
    TimeSpan? RemindEvery,
    MetricGate? AutoApprove)
{
    /// <summary>No reviewers: runs are approved without waiting (as if always auto-approved).</summary>
    public bool Required => Reviewers.Count > 0;
}
