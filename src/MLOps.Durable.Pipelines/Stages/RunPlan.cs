namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// The parts of a definition the orchestration decides with, taken once at the start of a run (an activity
/// result in history), so that editing the YAML while a run waits never changes its replay.
/// </summary>
public sealed record RunPlan(
    string Pipeline,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Candidates,
    string PrimaryMetric,
    bool HigherIsBetter,
    IReadOnlyList<string> Reviewers,
    TimeSpan ApprovalTimeout,
    TimeSpan? RemindEvery,
    string OnTimeout,
    string? AutoApprove,
    string Strategy,
    int CanaryPercent,
    TimeSpan? PromoteAfter,
    bool MonitorEnabled);
