using MLOps.Durable.Pipelines.Events;

namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>
/// One eternal orchestration per deployed model (<c>monitor:{pipeline}</c>): durable timer -> drift and
/// performance check of the predictions logged since the last check -> on drift, an event and (when the
/// definition says retrain, outside the cooldown, with no run in flight) a retraining run -> ContinueAsNew.
/// Ends when the definition turns monitoring off.
/// </summary>
[DurableTask(Name)]
public sealed class ModelMonitorOrchestrator : TaskOrchestrator<MonitorState, MonitorState>
{
    public const string Name = "ModelMonitor";

    private static readonly TaskOptions Retry = new(new RetryPolicy(3, TimeSpan.FromSeconds(10)));

    public static string InstanceIdFor(string pipeline) => "monitor:" + pipeline;

    public override async Task<MonitorState> RunAsync(TaskOrchestrationContext context, MonitorState input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var plan = await context.CallActivityAsync<MonitorPlan>(MonitorActivities.LoadPlan, input.Pipeline, Retry);
        if (!plan.Enabled)
        {
            context.SetCustomStatus(new { state = "off", input.Checks, lastResult = input.LastResult });
            return input;
        }

        var next = context.CurrentUtcDateTime + plan.Every;
        context.SetCustomStatus(new { state = "waiting", nextCheck = next, input.Checks, lastResult = input.LastResult });
        await context.CreateTimer(next, CancellationToken.None);

        var check = input.Checks + 1;
        var now = context.CurrentUtcDateTime;
        var result = await context.CallActivityAsync<DriftCheckResult>(MonitorActivities.CheckDrift, new DriftCheckInput(input.Pipeline, input.LastCheck, check), Retry);
        var retrainedAt = input.LastRetrainAt;
        if (result.NeedsAction)
        {
            var events = new RunEvents(context, input.Pipeline, $"{context.InstanceId}/{check}");
            var subject = result.Version is { } version ? PipelineEventTypes.ModelSubject(input.Pipeline, version) : $"models/{input.Pipeline}";
            await events.PublishAsync(PipelineEventTypes.DriftDetected, subject, new { pipeline = input.Pipeline, check, result.Summary, result.DriftShare, result.DriftedColumns, result.PerformanceMetric, result.PerformanceValue, result.Report });
            var cooledDown = retrainedAt is not { } last || now - last >= plan.Cooldown;
            if (plan.Retrain && cooledDown)
            {
                var run = await context.CallActivityAsync<string?>(MonitorActivities.StartRetraining, new RetrainRequest(input.Pipeline, $"{input.Pipeline}-retrain-{check}", result.Summary), Retry);
                if (run is not null)
                {
                    retrainedAt = now;
                    await events.PublishAsync(PipelineEventTypes.RetrainingStarted, subject, new { pipeline = input.Pipeline, runId = run, reason = result.Summary });
                }
            }
        }

        context.ContinueAsNew(new MonitorState(input.Pipeline, now, retrainedAt, check, result));
        return input;
    }
}
