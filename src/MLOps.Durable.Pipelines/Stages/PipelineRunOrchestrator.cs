using System.Globalization;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// One pipeline run: validate -> train (one activity per sweep combination, fanned in to the best by the
/// primary metric) -> evaluate (gates, comparison with production) -> approve (a durable wait for a
/// reviewer's decision raced against the deadline) -> deploy (register, production or canary alias) -> start
/// the model's monitor when it is not running -> for a canary with a healthy period: wait, judge it on its
/// feedback against the performance gate, then promote it or roll it back.
/// Custom status shows the stage and its progress. A rejection completes the run with outcome
/// "rejected" and its report; only real errors fail it.
/// </summary>
[DurableTask(Name)]
public sealed class PipelineRunOrchestrator : TaskOrchestrator<PipelineRunRequest, PipelineRunOutcome>
{
    public const string Name = "PipelineRun";

    /// <summary>Three attempts, except for data that cannot be read: a malformed file stays malformed.</summary>
    private static readonly TaskOptions Retry = new(new RetryPolicy(3, TimeSpan.FromSeconds(5)) { HandleFailure = failure => !IsUnreadableData(failure) });

    public override async Task<PipelineRunOutcome> RunAsync(TaskOrchestrationContext context, PipelineRunRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var events = new RunEvents(context, input.Pipeline);
        try
        {
            var outcome = await RunStagesAsync(context, input, events);
            await events.PublishRunEventAsync(
                outcome.Outcome == PipelineRunOutcome.Deployed ? PipelineEventTypes.RunCompleted : PipelineEventTypes.RunRejected,
                new { pipeline = input.Pipeline, outcome.Outcome, stage = outcome.RejectedAt, outcome.Reason, outcome.ModelVersion, outcome.Alias, outcome.Metrics });
            return outcome;
        }
        catch (TaskFailedException ex)
        {
            await events.PublishRunEventAsync(PipelineEventTypes.RunFailed, new { pipeline = input.Pipeline, error = ex.Message });
            throw;
        }
    }

    private static async Task<PipelineRunOutcome> RunStagesAsync(TaskOrchestrationContext context, PipelineRunRequest input, RunEvents events)
    {
        var stages = new StageTracker(context, input.Pipeline);
        var stage = new StageInput(context.InstanceId, input.Pipeline);
        var reports = new List<string>();
        RunPlan plan;
        DataCheck data;
        try
        {
            plan = await context.CallActivityAsync<RunPlan>(PipelineActivities.LoadPlan, stage, Retry);
            await events.PublishRunEventAsync(PipelineEventTypes.RunStarted, new { pipeline = input.Pipeline, input.Trigger, input.RequestedBy, candidates = plan.Candidates.Count });
            stages.Start("validate");
            data = await context.CallActivityAsync<DataCheck>(PipelineActivities.ValidateData, stage, Retry);
        }
        catch (TaskFailedException ex) when (IsUnreadableData(ex.FailureDetails))
        {
            // Not CSV as the rules define it (wrong field count, bad UTF-8, a runaway quote...): a data problem to
            // report like failed validation, with the file, line and column, not an engine failure.
            var reason = "the data cannot be read: " + ex.FailureDetails.ErrorMessage;
            if (!stages.IsRunning("validate"))
            {
                stages.Start("validate");
            }

            stages.End("rejected", reason);
            return Rejected(input, stages, reports, "validate", reason);
        }

        reports.AddRange(data.Artifacts);
        if (!data.Valid)
        {
            stages.End("rejected", data.Summary);
            return Rejected(input, stages, reports, "validate", data.Summary);
        }

        stages.End("done", data.Summary);
        stages.Start("train", $"0/{plan.Candidates.Count} candidates");
        var training = plan.Candidates
            .Select((parameters, index) => context.CallActivityAsync<CandidateResult>(
                PipelineActivities.TrainCandidate, new CandidateInput(context.InstanceId, input.Pipeline, index, parameters), Retry))
            .ToList();
        var finished = 0;
        foreach (var pending in training)
        {
            await pending;
            stages.Progress("train", $"{++finished}/{plan.Candidates.Count} candidates");
        }

        var candidates = training.Select(t => t.Result).ToList();
        var best = Best(candidates, plan);
        stages.End("done", $"best of {candidates.Count}: #{best.Index} {plan.PrimaryMetric} {Format(best.Metrics[plan.PrimaryMetric])}");

        stages.Start("evaluate");
        var evaluation = await context.CallActivityAsync<EvaluationResult>(PipelineActivities.Evaluate, new EvaluateInput(context.InstanceId, input.Pipeline, best, plan.PrimaryMetric), Retry);
        reports.Add(evaluation.Report);
        if (!evaluation.Passed)
        {
            var reason = string.Join("; ", evaluation.Failures);
            stages.End("rejected", reason);
            return Rejected(input, stages, reports, "evaluate", reason, best);
        }

        stages.End("done", evaluation.ProductionVersion is { } production ? $"beats production v{production}" : "gates met");
        stages.Start("approve");
        var decision = await ApproveAsync(context, plan, best, evaluation, stages, events);
        if (!decision.Approved)
        {
            var reason = $"rejected by {decision.Reviewer}{(decision.Comment is null ? string.Empty : ": " + decision.Comment)}";
            stages.End("rejected", reason);
            return Rejected(input, stages, reports, "approve", reason, best);
        }

        stages.End("done", $"approved by {decision.Reviewer}");
        stages.Start("deploy");
        var deployment = await context.CallActivityAsync<Deployment>(PipelineActivities.Deploy, new DeployInput(context.InstanceId, input.Pipeline, best, data, decision.Reviewer), Retry);
        reports.AddRange(deployment.Artifacts);
        var model = PipelineEventTypes.ModelSubject(input.Pipeline, deployment.Version);
        await events.PublishAsync(PipelineEventTypes.ModelRegistered, model, new { model = input.Pipeline, deployment.Version, runId = context.InstanceId, best.Trainer, best.Hyperparameters, best.Metrics });
        await events.PublishAsync(PipelineEventTypes.ModelDeployed, model, new { model = input.Pipeline, deployment.Version, deployment.Alias, deployment.TrafficPercent, approvedBy = decision.Reviewer });
        stages.End("done", deployment.TrafficPercent is { } percent ? $"v{deployment.Version} as {deployment.Alias} ({percent}%)" : $"v{deployment.Version} as {deployment.Alias}");
        if (plan.MonitorEnabled)
        {
            // Start the model's monitor if it is not running; it reads the production version at each check.
            await context.CallActivityAsync<string>(Monitoring.MonitorActivities.Ensure, new Monitoring.EnsureMonitorInput(input.Pipeline, context.CurrentUtcDateTime), Retry);
        }

        var alias = deployment.Alias;
        if (alias == Registry.ModelAliases.Canary && plan.PromoteAfter is { } healthyPeriod)
        {
            var canary = new CanaryInput(context.InstanceId, input.Pipeline, deployment.Version, context.CurrentUtcDateTime);
            stages.Start("promote", $"canary until {(context.CurrentUtcDateTime + healthyPeriod).ToString("u", CultureInfo.InvariantCulture)}");
            await context.CreateTimer(healthyPeriod, CancellationToken.None);
            var verdict = await context.CallActivityAsync<CanaryVerdict>(PipelineActivities.CheckCanary, canary, Retry);
            var result = await context.CallActivityAsync<string>(PipelineActivities.SettleCanary, new SettleCanaryInput(canary, verdict.Healthy, verdict.Summary), Retry);
            if (!verdict.Healthy)
            {
                await events.PublishAsync(PipelineEventTypes.ModelRolledBack, model, new { model = input.Pipeline, deployment.Version, reason = verdict.Summary });
                stages.End("rejected", $"canary rolled back: {verdict.Summary}");
                return Rejected(input, stages, reports, "promote", $"canary v{deployment.Version} rolled back: {verdict.Summary}", best);
            }

            alias = result == "promoted" ? Registry.ModelAliases.Production : alias;
            await events.PublishAsync(PipelineEventTypes.ModelPromoted, model, new { model = input.Pipeline, deployment.Version, reason = verdict.Summary, result });
            stages.End("done", $"canary {result}: {verdict.Summary}");
        }

        return new PipelineRunOutcome(
            input.Pipeline, PipelineRunOutcome.Deployed, null, null, best.Metrics, best.Hyperparameters, deployment.Version, alias, decision.Reviewer, reports, stages.Stages);
    }

    private static async Task<ApprovalDecision> ApproveAsync(
        TaskOrchestrationContext context, RunPlan plan, CandidateResult best, EvaluationResult evaluation, StageTracker stages, RunEvents events)
    {
        var decision = await DecideAsync(context, plan, best, evaluation, stages, events);
        await events.PublishRunEventAsync(
            decision.Reviewer == "timeout" ? PipelineEventTypes.ApprovalTimedOut : PipelineEventTypes.ApprovalDecided,
            new { pipeline = plan.Pipeline, decision.Approved, decision.Reviewer, decision.Comment });
        return decision;
    }

    private static async Task<ApprovalDecision> DecideAsync(
        TaskOrchestrationContext context, RunPlan plan, CandidateResult best, EvaluationResult evaluation, StageTracker stages, RunEvents events)
    {
        if (plan.Reviewers.Count == 0)
        {
            return new ApprovalDecision(true, "auto", "no reviewers listed");
        }

        if (plan.AutoApprove is { } rule && MetricGate.TryParse(rule, out var gate, out _) && best.Metrics.TryGetValue(gate!.Metric, out var value) && gate.IsMetBy(value))
        {
            return new ApprovalDecision(true, "auto", $"{rule} met ({Format(value)})");
        }

        var deadline = context.CurrentUtcDateTime + plan.ApprovalTimeout;
        await context.CallActivityAsync<string>(PipelineActivities.RequestApproval, new ApprovalRequest(context.InstanceId, plan.Pipeline, best, evaluation, plan.Reviewers, deadline), Retry);
        await events.PublishRunEventAsync(PipelineEventTypes.ApprovalRequested, new
        {
            pipeline = plan.Pipeline,
            reviewers = plan.Reviewers,
            deadline,
            candidate = best.Metrics,
            production = evaluation.ProductionVersion is { } v ? new { version = v, metric = plan.PrimaryMetric, value = evaluation.ProductionMetric } : null,
        });
        stages.Progress("approve", $"waiting for {string.Join(" or ", plan.Reviewers)} until {deadline.ToString("u", CultureInfo.InvariantCulture)}");
        var escalated = false;
        var reminders = 0;
        while (true)
        {
            var remaining = deadline - context.CurrentUtcDateTime;
            var wait = plan.RemindEvery is { } every && every < remaining ? every : remaining;
            try
            {
                if (wait <= TimeSpan.Zero)
                {
                    throw new ExternalEventTimeoutException(ApprovalDecision.EventName, plan.ApprovalTimeout);
                }

                var decision = await context.WaitForExternalEvent<ApprovalDecision>(ApprovalDecision.EventName, wait);
                if (plan.Reviewers.Contains(decision.Reviewer, StringComparer.OrdinalIgnoreCase))
                {
                    return decision;
                }

                // Only listed reviewers count; the API refuses others, and anything that slips through is ignored.
            }
            catch (ExternalEventTimeoutException) when (context.CurrentUtcDateTime < deadline)
            {
                // A reminder interval passed without a decision: remind the reviewers and keep waiting.
                reminders++;
                await events.PublishRunEventAsync(PipelineEventTypes.ApprovalRequested, new
                {
                    pipeline = plan.Pipeline,
                    reviewers = plan.Reviewers,
                    deadline,
                    reminder = reminders,
                    candidate = best.Metrics,
                });
                stages.Progress("approve", $"waiting for {string.Join(" or ", plan.Reviewers)} until {deadline.ToString("u", CultureInfo.InvariantCulture)} (reminder {reminders} sent)");
            }
            catch (ExternalEventTimeoutException)
            {
                switch (plan.OnTimeout)
                {
                    case "approve":
                        return new ApprovalDecision(true, "timeout", $"no decision within {Durations.Format(plan.ApprovalTimeout)}; approve on timeout");
                    case "escalate" when !escalated:
                        escalated = true;
                        deadline = context.CurrentUtcDateTime + plan.ApprovalTimeout;
                        await events.PublishRunEventAsync(PipelineEventTypes.ApprovalEscalated, new { pipeline = plan.Pipeline, reviewers = plan.Reviewers, deadline });
                        stages.Progress("approve", $"escalated: no decision in time; waiting until {deadline.ToString("u", CultureInfo.InvariantCulture)}");
                        continue;
                    default:
                        return new ApprovalDecision(false, "timeout", $"no decision within {Durations.Format(plan.ApprovalTimeout)}");
                }
            }
        }
    }

    private static CandidateResult Best(IReadOnlyList<CandidateResult> candidates, RunPlan plan) =>
        plan.HigherIsBetter
            ? candidates.OrderByDescending(c => c.Metrics[plan.PrimaryMetric]).ThenBy(c => c.Index).First()
            : candidates.OrderBy(c => c.Metrics[plan.PrimaryMetric]).ThenBy(c => c.Index).First();

    private static PipelineRunOutcome Rejected(PipelineRunRequest input, StageTracker stages, List<string> reports, string stage, string reason, CandidateResult? best = null) =>
        new(input.Pipeline, PipelineRunOutcome.Rejected, stage, reason, best?.Metrics, best?.Hyperparameters, null, null, null, reports, stages.Stages);

    private static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    private static bool IsUnreadableData(History.FailureDetails failure) =>
        failure.ErrorType == typeof(ML.Data.DataFormatException).FullName;
}
