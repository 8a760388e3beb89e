using Microsoft.Data.Sqlite;

namespace MLOps.Durable.Pipelines.Approvals;

public sealed partial class SqliteApprovalAuditTrail
{
    private const string Columns =
        "Sequence, Time, RunId, Pipeline, Reviewer, Decision, Comment, Channel, RemoteAddress, UserAgent, Result, Reason";

    private const string Insert = """
        INSERT INTO ApprovalAudit (Time, RunId, Pipeline, Reviewer, Decision, Comment, Channel, RemoteAddress, UserAgent, Result, Reason)
        VALUES (@time, @runId, @pipeline, @reviewer, @decision, @comment, @channel, @remoteAddress, @userAgent, @result, @reason)
        RETURNING Sequence
        """;

    private const string SelectAccepted = $"SELECT {Columns} FROM ApprovalAudit WHERE RunId = @runId AND Result = 'accepted'";

    private const string SelectAll = $"SELECT {Columns} FROM ApprovalAudit WHERE Sequence > @after ORDER BY Sequence LIMIT @limit";

    private const string SelectRun = $"SELECT {Columns} FROM ApprovalAudit WHERE RunId = @runId AND Sequence > @after ORDER BY Sequence LIMIT @limit";

    /// <inheritdoc />
    public Task<RecordedDecision> RecordDecisionAsync(ApprovalAttempt attempt, CancellationToken cancellationToken = default)
    {
        attempt = ApprovalAuditRules.Checked(attempt);
        return WriteAsync(now =>
        {
            var accepted = ReadAccepted(attempt.RunId);
            var (result, reason) = ApprovalAuditRules.Classify(attempt, accepted);
            var entry = Append(now, attempt, result, reason);
            return new RecordedDecision(entry, accepted ?? entry);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApprovalAuditEntry> RecordRefusalAsync(ApprovalAttempt attempt, string reason, CancellationToken cancellationToken = default)
    {
        attempt = ApprovalAuditRules.Checked(attempt);
        reason = ApprovalAuditRules.Reason(reason);
        return WriteAsync(now => Append(now, attempt, ApprovalAuditResult.Refused, reason), cancellationToken);
    }

    /// <inheritdoc />
    public Task<ApprovalAuditEntry?> GetAcceptedAsync(string runId, CancellationToken cancellationToken = default)
    {
        ApprovalAuditRules.Query(runId, 0, 1);
        return ReadAsync(() => ReadAccepted(runId), cancellationToken);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ApprovalAuditEntry>> GetEntriesAsync(
        string? runId = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default)
    {
        ApprovalAuditRules.Query(runId, afterSequence, maxEntries);
        return ReadAsync<IReadOnlyList<ApprovalAuditEntry>>(() =>
        {
            using var command = runId is null
                ? Command(SelectAll, ("@after", afterSequence), ("@limit", maxEntries))
                : Command(SelectRun, ("@runId", runId), ("@after", afterSequence), ("@limit", maxEntries));
            return ReadEntries(command);
        }, cancellationToken);
    }

    /// <summary>The run's accepted entry, if any. Call inside a transaction.</summary>
    private ApprovalAuditEntry? ReadAccepted(string runId)
    {
        using var command = Command(SelectAccepted, ("@runId", runId));
        return ReadEntries(command) is [var accepted] ? accepted : null;
    }

    /// <summary>Adds an entry; the file numbers it. Call inside a write transaction.</summary>
    private ApprovalAuditEntry Append(DateTimeOffset now, ApprovalAttempt attempt, ApprovalAuditResult result, string? reason)
    {
        var sequence = ScalarInt64(
            Insert,
            ("@time", now.UtcTicks),
            ("@runId", attempt.RunId),
            ("@pipeline", attempt.Pipeline),
            ("@reviewer", attempt.Reviewer),
            ("@decision", attempt.Approved ? "approve" : "reject"),
            ("@comment", attempt.Comment),
            ("@channel", ApprovalAuditRules.ChannelName(attempt.Channel)),
            ("@remoteAddress", attempt.RemoteAddress),
            ("@userAgent", attempt.UserAgent),
            ("@result", ApprovalAuditRules.ResultName(result)),
            ("@reason", reason));

        // Stored times are whole ticks, as read back; the entry returned equals the one a later read sees.
        return ApprovalAuditRules.Entry(sequence, new DateTimeOffset(now.UtcTicks, TimeSpan.Zero), attempt, result, reason);
    }

    private static List<ApprovalAuditEntry> ReadEntries(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var entries = new List<ApprovalAuditEntry>();
        while (reader.Read())
        {
            entries.Add(new ApprovalAuditEntry(
                reader.GetInt64(0),
                new DateTimeOffset(reader.GetInt64(1), TimeSpan.Zero),
                reader.GetString(2),
                NullableString(reader, 3),
                reader.GetString(4),
                reader.GetString(5) == "approve",
                NullableString(reader, 6),
                ApprovalAuditRules.ParseChannel(reader.GetString(7)),
                NullableString(reader, 8),
                NullableString(reader, 9),
                ApprovalAuditRules.ParseResult(reader.GetString(10)),
                NullableString(reader, 11)));
        }

        return entries;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
