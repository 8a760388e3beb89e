namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// How a run ended. Rejections (invalid data, failed gates, a reviewer's no, an approval timeout) are an
/// outcome, not a failure: the orchestration completes with <c>Outcome = "rejected"</c> and the report.
/// </summary>
public sealed record PipelineRunOutcome(
    string Pipeline,
    string Outcome,
    string? RejectedAt,
    string? Reason,
    IReadOnlyDictionary<string, double>? Metrics,
    IReadOnlyDictionary<string, string>? Hyperparameters,
    int? ModelVersion,
    string? Alias,
    string? ApprovedBy,
    IReadOnlyList<string> Reports,
    IReadOnlyList<RunStage> Stages)
{
    public const string Deployed = "deployed";
    public const string Rejected = "rejected";
}
