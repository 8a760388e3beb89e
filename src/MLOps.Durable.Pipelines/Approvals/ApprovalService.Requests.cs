using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Stages;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Pipelines.Approvals;

public sealed partial class ApprovalService
{
    /// <summary>Runs waiting for reviewers now (approve stage running, request written), oldest first.</summary>
    public async Task<IReadOnlyList<ApprovalRequestView>> ListPendingAsync(CancellationToken cancellationToken = default)
    {
        var query = new InstanceQuery
        {
            FetchInputsAndOutputs = true,
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
        };
        var pending = new List<(DateTimeOffset Created, ApprovalRequestView View)>();
        await foreach (var instance in client.GetAllInstancesAsync(query, cancellationToken).ConfigureAwait(false))
        {
            if (instance.Name == PipelineRunOrchestrator.Name && IsWaiting(instance)
                && await ViewAsync(instance, cancellationToken).ConfigureAwait(false) is { } view)
            {
                pending.Add((instance.CreatedAt, view));
            }
        }

        return [.. pending.OrderBy(p => p.Created).Select(p => p.View)];
    }

    /// <summary>What a link's holder sees: the request, for a valid token of a listed reviewer of a running run.</summary>
    public async Task<ApprovalResult<ApprovalRequestView>> ShowAsync(string runId, string reviewer, string? token, CancellationToken cancellationToken = default)
    {
        var signer = await keys.GetSignerAsync(cancellationToken).ConfigureAwait(false);
        var link = signer.Verify(token, runId, reviewer);
        if (!link.IsValid)
        {
            return ApprovalResult<ApprovalRequestView>.Refused(ApprovalOutcome.Forbidden, "Link not valid", $"This approval link cannot be used: {link.Reason}.");
        }

        if (await FindRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } instance)
        {
            return NotFound<ApprovalRequestView>(runId);
        }

        if (instance.IsCompleted)
        {
            return ApprovalResult<ApprovalRequestView>.Refused(ApprovalOutcome.Finished, "Run has finished", $"Run '{runId}' is {instance.RuntimeStatus}; decisions are no longer taken.");
        }

        if (await ViewAsync(instance, cancellationToken).ConfigureAwait(false) is not { } view)
        {
            return ApprovalResult<ApprovalRequestView>.Refused(ApprovalOutcome.NotWaiting, "Not waiting for approval yet",
                $"Run '{runId}' is at stage '{StatusOf(instance)?.Stage}'; the request appears once the candidate has been evaluated.");
        }

        if (view.Reviewers.FirstOrDefault(r => string.Equals(r, reviewer, StringComparison.OrdinalIgnoreCase)) is not { } listed)
        {
            return ApprovalResult<ApprovalRequestView>.Refused(ApprovalOutcome.Forbidden, "Not a reviewer",
                $"'{reviewer}' is not a reviewer of run '{runId}' (reviewers: {string.Join(", ", view.Reviewers)}).");
        }

        return new(ApprovalOutcome.Ok, view with { Reviewer = listed, LinkExpiresAt = link.ExpiresAt });
    }

    /// <summary>Issues a link token to a listed reviewer of a run that has not finished; <paramref name="lifetime"/> defaults to <see cref="ApprovalLinkSigner.DefaultLifetime"/>.</summary>
    public async Task<ApprovalResult<ApprovalLinkGrant>> CreateLinkAsync(string runId, string reviewer, TimeSpan? lifetime, CancellationToken cancellationToken = default)
    {
        if (lifetime is { } asked && (asked <= TimeSpan.Zero || asked > ApprovalLinkSigner.MaxLifetime))
        {
            return ApprovalResult<ApprovalLinkGrant>.Refused(ApprovalOutcome.Invalid, "Invalid link request",
                $"lifetime: '{Durations.Format(asked)}' is out of range: expected more than 0 and at most {Durations.Format(ApprovalLinkSigner.MaxLifetime)} (e.g. 24h).");
        }

        if (string.IsNullOrWhiteSpace(reviewer))
        {
            return ApprovalResult<ApprovalLinkGrant>.Refused(ApprovalOutcome.Invalid, "Invalid link request", "reviewer: is required: expected a listed reviewer, e.g. 'alice@example.com'.");
        }

        if (await FindRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } instance)
        {
            return NotFound<ApprovalLinkGrant>(runId);
        }

        if (instance.IsCompleted)
        {
            return ApprovalResult<ApprovalLinkGrant>.Refused(ApprovalOutcome.Finished, "Run has finished", $"Run '{runId}' is {instance.RuntimeStatus}; no decision can be taken any more.");
        }

        var reviewers = await ReviewersAsync(instance, cancellationToken).ConfigureAwait(false);
        if (reviewers.FirstOrDefault(r => string.Equals(r, reviewer, StringComparison.OrdinalIgnoreCase)) is not { } listed)
        {
            return ApprovalResult<ApprovalLinkGrant>.Refused(ApprovalOutcome.Forbidden, "Not a reviewer",
                $"'{reviewer}' is not a reviewer of run '{runId}' of pipeline '{PipelineOf(instance)}' (reviewers: {string.Join(", ", reviewers)}).");
        }

        var signer = await keys.GetSignerAsync(cancellationToken).ConfigureAwait(false);
        return new(ApprovalOutcome.Created, new ApprovalLinkGrant(runId, listed, signer.Create(runId, listed, lifetime ?? ApprovalLinkSigner.DefaultLifetime)));
    }

    private async Task<ApprovalRequestView?> ViewAsync(OrchestrationMetadata instance, CancellationToken cancellationToken)
    {
        if (await ReadRequestAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false) is not { } request)
        {
            return null;
        }

        var accepted = await audit.GetAcceptedAsync(instance.InstanceId, cancellationToken).ConfigureAwait(false);
        return new ApprovalRequestView(
            instance.InstanceId,
            request.Pipeline,
            StatusOf(instance)?.Progress,
            PrimaryMetric(catalog.Find(request.Pipeline)),
            request.Candidate.Metrics,
            request.Candidate.Hyperparameters,
            request.Candidate.Trainer,
            request.Evaluation.ProductionVersion,
            request.Evaluation.ProductionMetric,
            request.Reviewers,
            request.Deadline,
            accepted is null ? null : ApprovalDecisionView.Of(accepted, ApprovalAuditResult.Accepted));
    }

    /// <summary>The primary metric when the definition names it or its task; null rather than reading the data to infer the task.</summary>
    private static string? PrimaryMetric(PipelineDefinition? pipeline) =>
        pipeline is null ? null
            : pipeline.Evaluate.Metrics.Count > 0 ? pipeline.Evaluate.Metrics[0]
            : pipeline.Data.Task is { } task ? pipeline.Evaluate.PrimaryMetricFor(task)
            : null;
}
