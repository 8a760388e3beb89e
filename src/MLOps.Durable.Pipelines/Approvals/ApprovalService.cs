using System.Text.Json;
using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Pipelines.Approvals;

/// <summary>
/// The one place approval decisions are made, for both channels (signed link and API with a key): checks the run
/// and the reviewer, lets the audit trail decide idempotency (first accepted decision wins), raises
/// <see cref="ApprovalDecision"/> to the run, and records every refusal. Also lists pending requests and issues
/// links. Reviewers are the run's own list (from its approval request), else the pipeline definition's.
/// </summary>
public sealed partial class ApprovalService(
    DurableTaskClient client, PipelineCatalog catalog, IApprovalAuditTrail audit, IArtifactStore artifacts, ApprovalSigningKeyProvider keys)
{
    /// <summary>The custom-status stage of a run that waits for reviewers.</summary>
    public const string ApproveStage = "approve";

    /// <summary>Decides through the API (the caller holds a function key); <paramref name="attempt"/> names the reviewer.</summary>
    public async Task<ApprovalResult<ApprovalDecisionView>> DecideAsync(ApprovalAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        try
        {
            attempt = ApprovalAuditRules.Checked(attempt);
        }
        catch (InvalidApprovalRequestException ex)
        {
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Invalid, "Invalid decision", ex.Message);
        }

        if (await FindRunAsync(attempt.RunId, cancellationToken).ConfigureAwait(false) is not { } instance)
        {
            return NotFound<ApprovalDecisionView>(attempt.RunId);
        }

        return await DecideOnRunAsync(instance, attempt with { Pipeline = PipelineOf(instance) }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Decides through a signed link: the token must be ours, unexpired and bound to the run and reviewer; a refused link is recorded.</summary>
    public async Task<ApprovalResult<ApprovalDecisionView>> DecideWithLinkAsync(string? token, ApprovalAttempt attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        var signer = await keys.GetSignerAsync(cancellationToken).ConfigureAwait(false);
        var link = signer.Verify(token, attempt.RunId, attempt.Reviewer);
        if (!link.IsValid)
        {
            var instance = await FindRunAsync(attempt.RunId, cancellationToken).ConfigureAwait(false);
            await TryRecordRefusalAsync(attempt with { Pipeline = instance is null ? null : PipelineOf(instance) }, "link refused: " + link.Reason, cancellationToken).ConfigureAwait(false);
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Forbidden, "Link not valid", $"This approval link cannot be used: {link.Reason}.");
        }

        if (await SpentLinkAsync(attempt, cancellationToken).ConfigureAwait(false) is { } spent)
        {
            return spent;
        }

        return await DecideAsync(attempt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// A link decides once: after its reviewer's decision was accepted through a link and the run has moved on, the
    /// link is spent and any further use is refused (403) and recorded. While the run still waits, the same answer
    /// again re-delivers the decision (so one recorded by a host that crashed before raising it still arrives).
    /// </summary>
    private async Task<ApprovalResult<ApprovalDecisionView>?> SpentLinkAsync(ApprovalAttempt attempt, CancellationToken cancellationToken)
    {
        if (await audit.GetAcceptedAsync(attempt.RunId, cancellationToken).ConfigureAwait(false) is not { Channel: ApprovalChannel.Link } accepted
            || !string.Equals(accepted.Reviewer, attempt.Reviewer, StringComparison.OrdinalIgnoreCase)
            || await FindRunAsync(attempt.RunId, cancellationToken).ConfigureAwait(false) is not { } instance
            || (!instance.IsCompleted && IsWaiting(instance)))
        {
            return null;
        }

        var detail = $"This approval link has been used: {accepted.Reviewer} {(accepted.Approved ? "approved" : "rejected")} run '{attempt.RunId}' " +
            $"with it at {accepted.Time:u}; a link decides once.";
        await TryRecordRefusalAsync(attempt with { Pipeline = PipelineOf(instance) }, "link refused: already used", cancellationToken).ConfigureAwait(false);
        return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Forbidden, "Link already used", detail);
    }

    private async Task<ApprovalResult<ApprovalDecisionView>> DecideOnRunAsync(OrchestrationMetadata instance, ApprovalAttempt attempt, CancellationToken cancellationToken)
    {
        var runId = instance.InstanceId;
        if (instance.IsCompleted)
        {
            var detail = $"Run '{runId}' is {instance.RuntimeStatus}; decisions are no longer taken.";
            await audit.RecordRefusalAsync(attempt, detail, cancellationToken).ConfigureAwait(false);
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Finished, "Run has finished", detail);
        }

        var reviewers = await ReviewersAsync(instance, cancellationToken).ConfigureAwait(false);
        if (reviewers.FirstOrDefault(r => string.Equals(r, attempt.Reviewer, StringComparison.OrdinalIgnoreCase)) is not { } listed)
        {
            var detail = $"'{attempt.Reviewer}' is not a reviewer of run '{runId}' of pipeline '{attempt.Pipeline}' (reviewers: {string.Join(", ", reviewers)}).";
            await audit.RecordRefusalAsync(attempt, detail, cancellationToken).ConfigureAwait(false);
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Forbidden, "Not a reviewer", detail);
        }

        attempt = attempt with { Reviewer = listed };
        var waiting = IsWaiting(instance);
        if (!waiting && await audit.GetAcceptedAsync(runId, cancellationToken).ConfigureAwait(false) is null)
        {
            var detail = $"Run '{runId}' is at stage '{StatusOf(instance)?.Stage}', not waiting for approval.";
            await audit.RecordRefusalAsync(attempt, detail, cancellationToken).ConfigureAwait(false);
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.NotWaiting, "Not waiting for approval", detail);
        }

        var recorded = await audit.RecordDecisionAsync(attempt, cancellationToken).ConfigureAwait(false);
        var view = ApprovalDecisionView.Of(recorded.Accepted, recorded.Entry.Result);
        switch (recorded.Entry.Result)
        {
            case ApprovalAuditResult.Conflict:
                return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Conflict, "Already decided", Sentence(recorded.Entry.Reason!));
            case ApprovalAuditResult.Duplicate when !waiting:
                return new(ApprovalOutcome.Duplicate, view);
        }

        // Accepted, or a duplicate while the run still waits: (re)deliver the accepted decision. The run takes the
        // first one and ignores the rest, so a decision recorded by a host that crashed before raising still arrives.
        var accepted = recorded.Accepted;
        try
        {
            await client.RaiseEventAsync(runId, ApprovalDecision.EventName, new ApprovalDecision(accepted.Approved, accepted.Reviewer, accepted.Comment), cancellationToken)
                .ConfigureAwait(false);
        }
        catch (InstanceNotRunningException)
        {
            var detail = $"Run '{runId}' finished before the decision reached it; decisions are no longer taken.";
            await audit.RecordRefusalAsync(attempt, detail, cancellationToken).ConfigureAwait(false);
            return ApprovalResult<ApprovalDecisionView>.Refused(ApprovalOutcome.Finished, "Run has finished", detail);
        }

        return new(recorded.Entry.Result == ApprovalAuditResult.Accepted ? ApprovalOutcome.Accepted : ApprovalOutcome.Duplicate, view);
    }

    /// <summary>Records a refusal unless the attempt itself breaks a rule (then there is nothing sound to record).</summary>
    private async Task TryRecordRefusalAsync(ApprovalAttempt attempt, string reason, CancellationToken cancellationToken)
    {
        try
        {
            await audit.RecordRefusalAsync(attempt, reason, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidApprovalRequestException)
        {
            // An empty or oversized reviewer or run id from an anonymous caller: refused all the same, not recorded.
        }
    }

    private async Task<OrchestrationMetadata?> FindRunAsync(string runId, CancellationToken cancellationToken) =>
        await client.GetInstanceAsync(runId, true, cancellationToken).ConfigureAwait(false) is { Name: PipelineRunOrchestrator.Name } instance ? instance : null;

    /// <summary>The run's approval request, once the approve stage wrote it; null before (or for ids the artifact store refuses).</summary>
    private async Task<ApprovalRequest?> ReadRequestAsync(string runId, CancellationToken cancellationToken)
    {
        try
        {
            var bytes = await artifacts.ReadAllBytesAsync(runId, RequestApprovalActivity.Artifact, cancellationToken).ConfigureAwait(false);
            return JsonSerializer.Deserialize<ApprovalRequest>(bytes, JsonSerializerOptions.Web);
        }
        catch (Exception ex) when (ex is ArtifactNotFoundException or InvalidArtifactPathException)
        {
            return null;
        }
    }

    /// <summary>The run's own reviewer list (kept in its plan and request), else the pipeline definition's.</summary>
    private async Task<IReadOnlyList<string>> ReviewersAsync(OrchestrationMetadata instance, CancellationToken cancellationToken) =>
        (await ReadRequestAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false))?.Reviewers
            ?? catalog.Find(PipelineOf(instance))?.Approve.Reviewers
            ?? [];

    private static string PipelineOf(OrchestrationMetadata instance) => instance.ReadInputAs<PipelineRunRequest>()?.Pipeline ?? "?";

    private static PipelineRunStatus? StatusOf(OrchestrationMetadata instance) => instance.ReadCustomStatusAs<PipelineRunStatus>();

    /// <summary>Running (or suspended) with the approve stage started and not ended.</summary>
    private static bool IsWaiting(OrchestrationMetadata instance) =>
        !instance.IsCompleted && StatusOf(instance) is { Stage: ApproveStage, Stages: [.., { Name: ApproveStage, Status: "running" }] };

    private static ApprovalResult<T> NotFound<T>(string runId)
        where T : class => ApprovalResult<T>.Refused(ApprovalOutcome.NotFound, "Run not found", $"No pipeline run '{runId}'.");

    private static string Sentence(string text) => char.ToUpperInvariant(text[0]) + text[1..] + ".";
}
