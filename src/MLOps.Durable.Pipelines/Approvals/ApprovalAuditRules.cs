using System.Globalization;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// What every audit trail backend applies alike: the field rules (with the same messages), the idempotency
/// classification against the accepted decision, and the stored names of channels and results.
/// </summary>
internal static class ApprovalAuditRules
{
    public const int MaxRunIdLength = 200;

    public const int MaxReviewerLength = 200;

    public const int MaxCommentLength = 2000;

    public const int MaxUserAgentLength = 500;

    public const int MaxReasonLength = 2000;

    public const int MaxEntries = 1000;

    /// <summary>The attempt as it will be stored (user agent cut to <see cref="MaxUserAgentLength"/>), or an error naming the field.</summary>
    public static ApprovalAttempt Checked(ApprovalAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        Text("runId", attempt.RunId, MaxRunIdLength, "the run's id");
        Text("reviewer", attempt.Reviewer, MaxReviewerLength, "who decides, e.g. 'alice@example.com'");
        if (attempt.Comment is { Length: > MaxCommentLength } comment)
        {
            throw new InvalidApprovalRequestException("comment", $"comment: {comment.Length} characters is too long: expected at most {MaxCommentLength}.");
        }

        if (!Enum.IsDefined(attempt.Channel))
        {
            throw new InvalidApprovalRequestException("channel", $"channel: {(int)attempt.Channel} is not a channel: expected link or api.");
        }

        // A long User-Agent is the caller's business, not a reason to lose the decision; keep its start.
        return attempt.UserAgent is { Length: > MaxUserAgentLength } agent ? attempt with { UserAgent = agent[..MaxUserAgentLength] } : attempt;
    }

    public static string Reason(string reason)
    {
        ArgumentNullException.ThrowIfNull(reason);
        return reason.Length == 0
            ? throw new InvalidApprovalRequestException("reason", "reason: a refusal needs a reason: expected why it was refused, e.g. 'not a reviewer'.")
            : reason.Length > MaxReasonLength ? reason[..MaxReasonLength] : reason;
    }

    public static void Query(string? runId, long afterSequence, int maxEntries)
    {
        if (runId is not null)
        {
            Text("runId", runId, MaxRunIdLength, "the run's id");
        }

        if (afterSequence < 0)
        {
            throw new InvalidApprovalRequestException("afterSequence", $"afterSequence: {afterSequence} is negative: expected 0 or a sequence number.");
        }

        if (maxEntries is < 1 or > MaxEntries)
        {
            throw new InvalidApprovalRequestException("maxEntries", $"maxEntries: {maxEntries} is out of range: expected 1 to {MaxEntries}.");
        }
    }

    /// <summary>Accepted when nothing was accepted yet, duplicate for the same answer, conflict for the other, with why.</summary>
    public static (ApprovalAuditResult Result, string? Reason) Classify(ApprovalAttempt attempt, ApprovalAuditEntry? accepted)
    {
        if (accepted is null)
        {
            return (ApprovalAuditResult.Accepted, null);
        }

        var before = $"run '{accepted.RunId}' was already {Past(accepted.Approved)} by {accepted.Reviewer} at " +
            $"{accepted.Time.ToString("u", CultureInfo.InvariantCulture)} (audit entry {accepted.Sequence})";
        return accepted.Approved == attempt.Approved
            ? (ApprovalAuditResult.Duplicate, before + "; the same answer again changes nothing")
            : (ApprovalAuditResult.Conflict, before + $"; {(attempt.Approved ? "an approval" : "a rejection")} cannot replace it");
    }

    public static ApprovalAuditEntry Entry(long sequence, DateTimeOffset time, ApprovalAttempt attempt, ApprovalAuditResult result, string? reason) => new(
        sequence, time, attempt.RunId, attempt.Pipeline, attempt.Reviewer, attempt.Approved, attempt.Comment, attempt.Channel,
        attempt.RemoteAddress, attempt.UserAgent, result, reason);

    public static string ChannelName(ApprovalChannel channel) => channel == ApprovalChannel.Link ? "link" : "api";

    public static ApprovalChannel ParseChannel(string name) => name switch
    {
        "link" => ApprovalChannel.Link,
        "api" => ApprovalChannel.Api,
        _ => throw new InvalidDataException($"Approval audit channel '{name}' is unknown: expected link or api."),
    };

    public static string ResultName(ApprovalAuditResult result) => result.ToString().ToLowerInvariant();

    public static ApprovalAuditResult ParseResult(string name) =>
        Enum.TryParse<ApprovalAuditResult>(name, ignoreCase: true, out var result) && Enum.IsDefined(result) && name == ResultName(result)
            ? result
            : throw new InvalidDataException($"Approval audit result '{name}' is unknown: expected accepted, duplicate, conflict or refused.");

    private static string Past(bool approved) => approved ? "approved" : "rejected";

    private static void Text(string field, string? value, int maxLength, string expected)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length > maxLength)
        {
            throw new InvalidApprovalRequestException(
                field, $"{field}: '{value}' is not valid: expected {expected}, 1 to {maxLength} characters.");
        }
    }
}
