namespace MLOps.Durable.Samples;

/// <summary>
/// A miniature training run: validate, train three candidates in parallel, pick the best, wait for a
/// reviewer (or time out after 72 hours), then deploy. The real pipeline comes with the MLOps layer; this
/// one shows the engine's building blocks end to end.
/// </summary>
[DurableTask("TrainingRun")]
public sealed class TrainingRunOrchestrator : TaskOrchestrator<TrainingRequest, TrainingOutcome>
{
    public override async Task<TrainingOutcome> RunAsync(TaskOrchestrationContext context, TrainingRequest input)
    {
        var log = context.CreateReplaySafeLogger<TrainingRunOrchestrator>();
        context.SetCustomStatus(new { stage = "validate" });
        var rows = await context.CallActivityAsync<int>("ValidateData", input.Dataset);

        context.SetCustomStatus(new { stage = "train" });
        var candidates = await Task.WhenAll(input.LearningRates.Select(rate =>
            context.CallActivityAsync<Candidate>("TrainCandidate", new Candidate(rate, 0))));
        var best = candidates.MaxBy(c => c.Accuracy)!;
        SampleLog.BestCandidate(log, best.LearningRate, best.Accuracy);

        context.SetCustomStatus(new { stage = "approve", best });
        string decision;
        try
        {
            decision = await context.WaitForExternalEvent<string>("ApprovalDecision", TimeSpan.FromHours(72));
        }
        catch (ExternalEventTimeoutException)
        {
            decision = "timed out";
        }

        if (decision != "approved")
        {
            return new TrainingOutcome(rows, best, decision, null);
        }

        context.SetCustomStatus(new { stage = "deploy", best });
        var version = await context.CallActivityAsync<string>(
            "DeployModel", best, TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(1), 2.0)));
        return new TrainingOutcome(rows, best, decision, version);
    }
}
