namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>An <see cref="ApprovalService"/> answer: the outcome and either a value or a title and detail for the caller.</summary>
/// <typeparam name="T">What a successful call returns.</typeparam>
/// <param name="Outcome">What it came to.</param>
/// <param name="Value">The value for <see cref="ApprovalOutcome.Ok"/>, <see cref="ApprovalOutcome.Created"/>, <see cref="ApprovalOutcome.Accepted"/> and <see cref="ApprovalOutcome.Duplicate"/>.</param>
/// <param name="Title">A short title of a refusal.</param>
/// <param name="Detail">What is wrong, naming the value and what was expected.</param>
public sealed record ApprovalResult<T>(ApprovalOutcome Outcome, T? Value, string? Title = null, string? Detail = null)
    where T : class
{
    internal static ApprovalResult<T> Refused(ApprovalOutcome outcome, string title, string detail) => new(outcome, null, title, detail);
}
