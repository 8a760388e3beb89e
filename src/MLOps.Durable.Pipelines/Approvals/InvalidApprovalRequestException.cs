namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>A decision's field breaks a rule (empty reviewer, comment too long); maps to 400.</summary>
public sealed class InvalidApprovalRequestException(string field, string message) : ApprovalException(message)
{
    /// <summary>The field that is wrong (e.g. "reviewer", "comment").</summary>
    public string Field { get; } = field;
}
