using MLOps.Durable.History;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Replay;

/// <summary>How an execution ended.</summary>
internal sealed record EpisodeOutcome(
    OrchestrationRuntimeStatus RuntimeStatus,
    string? Output = null,
    FailureDetails? Failure = null,
    ContinueAsNewRequest? ContinueAsNew = null)
{
    public static EpisodeOutcome Completed(string? output) => new(OrchestrationRuntimeStatus.Completed, output);

    public static EpisodeOutcome Failed(FailureDetails failure) => new(OrchestrationRuntimeStatus.Failed, Failure: failure);

    public static EpisodeOutcome Terminated(string? serializedReason) => new(OrchestrationRuntimeStatus.Terminated, serializedReason);

    public static EpisodeOutcome ContinuedAsNew(ContinueAsNewRequest request) =>
        new(OrchestrationRuntimeStatus.ContinuedAsNew, ContinueAsNew: request);

    /// <summary>The event that closes the execution's history; null when the closing message is already there.</summary>
    public HistoryEvent? ToHistoryEvent(DateTimeOffset now) => RuntimeStatus switch
    {
        OrchestrationRuntimeStatus.Completed => new ExecutionCompleted(now, Output),
        OrchestrationRuntimeStatus.Failed => new ExecutionFailed(now, Failure!),
        OrchestrationRuntimeStatus.ContinuedAsNew => new ContinueAsNew(now, ContinueAsNew!.SerializedInput, Guid.NewGuid().ToString("N")),
        _ => null,
    };
}
