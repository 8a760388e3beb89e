using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Approvals;

/// <summary>
/// The approval audit contract every backend must pass unchanged: idempotency per run (first accepted decision
/// wins, same answer duplicate, other answer conflict), refusals kept, every field recorded, rules enforced.
/// A backend's test class derives from this and says how to create an empty trail on a fake clock.
/// </summary>
public abstract class ApprovalAuditTrailConformanceSuite : IAsyncLifetime
{
    private const string Run = "iris-review-1";

    protected FakeTimeProvider Time { get; } = new();

    protected IApprovalAuditTrail Trail { get; private set; } = null!;

    /// <summary>A fresh, empty trail on <paramref name="time"/>.</summary>
    protected abstract Task<IApprovalAuditTrail> CreateTrailAsync(TimeProvider time);

    public async Task InitializeAsync() => Trail = await CreateTrailAsync(Time);

    public virtual async Task DisposeAsync()
    {
        if (Trail is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync();
        }
    }

    [Fact]
    public async Task RecordDecisionAsync_First_AcceptedWithEveryField()
    {
        var recorded = await Trail.RecordDecisionAsync(Attempt(true, comment: "ship it"));

        var entry = Assert.Single(await Trail.GetEntriesAsync());
        Assert.Equal(entry, recorded.Entry);
        Assert.Equal(entry, recorded.Accepted);
        Assert.Equal(ApprovalAuditResult.Accepted, entry.Result);
        Assert.Null(entry.Reason);
        Assert.Equal(Time.GetUtcNow(), entry.Time);
        Assert.Equal((Run, "iris-review", "alice@example.com", true, "approve", "ship it"), (entry.RunId, entry.Pipeline, entry.Reviewer, entry.Approved, entry.Decision, entry.Comment));
        Assert.Equal((ApprovalChannel.Link, "127.0.0.1", "tests/1.0"), (entry.Channel, entry.RemoteAddress, entry.UserAgent));
        Assert.Equal(entry, await Trail.GetAcceptedAsync(Run));
    }

    [Fact]
    public async Task RecordDecisionAsync_SameAnswerAgain_DuplicateOfTheAccepted()
    {
        var first = await Trail.RecordDecisionAsync(Attempt(true));
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await Trail.RecordDecisionAsync(Attempt(true, channel: ApprovalChannel.Api));
        var otherReviewer = await Trail.RecordDecisionAsync(Attempt(true, reviewer: "bob@example.com"));

        Assert.Equal(ApprovalAuditResult.Duplicate, again.Entry.Result);
        Assert.Equal(first.Entry, again.Accepted);
        Assert.Contains("already approved by alice@example.com at 2026-01-01 00:00:00Z", again.Entry.Reason, StringComparison.Ordinal);
        Assert.Equal(ApprovalAuditResult.Duplicate, otherReviewer.Entry.Result);
        Assert.Equal(first.Entry, await Trail.GetAcceptedAsync(Run));
    }

    [Fact]
    public async Task RecordDecisionAsync_OtherAnswerAfterAccepted_Conflict()
    {
        var first = await Trail.RecordDecisionAsync(Attempt(false, comment: "overfits"));

        var changed = await Trail.RecordDecisionAsync(Attempt(true));

        Assert.Equal(ApprovalAuditResult.Conflict, changed.Entry.Result);
        Assert.Equal(first.Entry, changed.Accepted);
        Assert.Contains("already rejected by alice@example.com", changed.Entry.Reason, StringComparison.Ordinal);
        Assert.Contains("an approval cannot replace it", changed.Entry.Reason, StringComparison.Ordinal);
        Assert.False((await Trail.GetAcceptedAsync(Run))!.Approved);
    }

    [Fact]
    public async Task RecordDecisionAsync_OtherRun_IndependentlyAccepted()
    {
        await Trail.RecordDecisionAsync(Attempt(true));

        var other = await Trail.RecordDecisionAsync(Attempt(false) with { RunId = "iris-review-2" });

        Assert.Equal(ApprovalAuditResult.Accepted, other.Entry.Result);
    }

    [Fact]
    public async Task RecordDecisionAsync_ConcurrentFirstDecisions_ExactlyOneAccepted()
    {
        var attempts = Enumerable.Range(0, 16).Select(i => Trail.RecordDecisionAsync(Attempt(i % 2 == 0, reviewer: $"r{i}@example.com")));

        var recorded = await Task.WhenAll(attempts);

        var accepted = Assert.Single(recorded, r => r.Entry.Result == ApprovalAuditResult.Accepted);
        Assert.All(recorded, r => Assert.Equal(accepted.Entry, r.Accepted));
        Assert.All(recorded.Where(r => r != accepted), r => Assert.Equal(
            r.Entry.Approved == accepted.Entry.Approved ? ApprovalAuditResult.Duplicate : ApprovalAuditResult.Conflict, r.Entry.Result));
    }

    [Fact]
    public async Task RecordRefusalAsync_KeptWithReason_AndDecidesNothing()
    {
        var refused = await Trail.RecordRefusalAsync(Attempt(true, reviewer: "mallory@example.com"), "not a reviewer of iris-review");

        var later = await Trail.RecordDecisionAsync(Attempt(false));

        Assert.Equal(ApprovalAuditResult.Refused, refused.Result);
        Assert.Equal("not a reviewer of iris-review", refused.Reason);
        Assert.Equal(ApprovalAuditResult.Accepted, later.Entry.Result);
        Assert.Equal([refused, later.Entry], await Trail.GetEntriesAsync(Run));
    }

    [Fact]
    public async Task GetEntriesAsync_ByRunAfterSequenceAndLimit_InOrder()
    {
        await Trail.RecordDecisionAsync(Attempt(true));
        await Trail.RecordDecisionAsync(Attempt(true) with { RunId = "other-run" });
        await Trail.RecordDecisionAsync(Attempt(false));
        await Trail.RecordRefusalAsync(Attempt(true, reviewer: "mallory@example.com"), "not a reviewer");

        var all = await Trail.GetEntriesAsync();
        var run = await Trail.GetEntriesAsync(Run);
        var page = await Trail.GetEntriesAsync(Run, afterSequence: run[0].Sequence, maxEntries: 1);

        Assert.Equal(4, all.Count);
        Assert.True(all.Zip(all.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence));
        Assert.Equal([ApprovalAuditResult.Accepted, ApprovalAuditResult.Conflict, ApprovalAuditResult.Refused], run.Select(e => e.Result));
        Assert.Equal(run[1], Assert.Single(page));
        Assert.Null(await Trail.GetAcceptedAsync("never-decided"));
    }

    [Fact]
    public async Task RecordDecisionAsync_LongUserAgent_KeptCut()
    {
        await Trail.RecordDecisionAsync(Attempt(true) with { UserAgent = new string('x', 2000) });

        Assert.Equal(500, (await Trail.GetEntriesAsync()).Single().UserAgent!.Length);
    }

    [Theory]
    [InlineData("reviewer")]
    [InlineData("runId")]
    [InlineData("comment")]
    public async Task RecordDecisionAsync_FieldBreaksRule_InvalidRequestNamesIt(string field)
    {
        var attempt = field switch
        {
            "reviewer" => Attempt(true, reviewer: " "),
            "runId" => Attempt(true) with { RunId = "" },
            _ => Attempt(true, comment: new string('c', 2001)),
        };

        var error = await Assert.ThrowsAsync<InvalidApprovalRequestException>(() => Trail.RecordDecisionAsync(attempt));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(field + ":", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Trail.GetEntriesAsync());
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1001)]
    public async Task GetEntriesAsync_MaxEntriesOutOfRange_InvalidRequest(int maxEntries)
    {
        var error = await Assert.ThrowsAsync<InvalidApprovalRequestException>(() => Trail.GetEntriesAsync(maxEntries: maxEntries));

        Assert.Equal("maxEntries", error.Field);
    }

    private static ApprovalAttempt Attempt(bool approved, string reviewer = "alice@example.com", string? comment = null, ApprovalChannel channel = ApprovalChannel.Link) =>
        new(Run, "iris-review", reviewer, approved, comment, channel, "127.0.0.1", "tests/1.0");
}
