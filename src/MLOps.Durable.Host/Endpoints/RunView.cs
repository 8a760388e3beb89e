using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Host.Endpoints;

/// <summary>
/// A pipeline run as the API shows it: orchestration state, what started it (http, schedule or drift, and by whom),
/// the stages from custom status (each with start, end, outcome and detail) and the outcome.
/// </summary>
internal sealed record RunView(
    string Id,
    string Pipeline,
    string Status,
    DateTimeOffset CreatedTime,
    DateTimeOffset LastUpdatedTime,
    string? Stage,
    string? Progress,
    IReadOnlyList<RunStage> Stages,
    PipelineRunOutcome? Outcome,
    string? Failure,
    string? Trigger,
    string? RequestedBy)
{
    public static RunView Of(OrchestrationMetadata instance)
    {
        var request = instance.ReadInputAs<PipelineRunRequest>();
        var status = instance.ReadCustomStatusAs<PipelineRunStatus>();
        var outcome = instance.RuntimeStatus == Storage.OrchestrationRuntimeStatus.Completed ? instance.ReadOutputAs<PipelineRunOutcome>() : null;
        return new RunView(
            instance.InstanceId,
            request?.Pipeline ?? "?",
            outcome?.Outcome ?? instance.RuntimeStatus.ToString(),
            instance.CreatedAt,
            instance.LastUpdatedAt,
            status?.Stage,
            status?.Progress,
            outcome?.Stages ?? status?.Stages ?? [],
            outcome,
            instance.FailureDetails?.ToString(),
            request?.Trigger,
            request?.RequestedBy);
    }
}
