using MLOps.Durable.History;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Replay;

/// <summary>What one episode of an orchestrator produced, before it is turned into store messages.</summary>
internal sealed record EpisodeResult(
    IReadOnlyList<HistoryEvent> NewHistory,
    IReadOnlyList<HistoryEvent> NewActions,
    OrchestrationRuntimeStatus RuntimeStatus,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    FailureDetails? Failure,
    IReadOnlyList<HistoryEvent> DroppedEvents)
{
    /// <summary>Set when the orchestrator continued as new: its new input and the events to carry over.</summary>
    public ContinueAsNewRequest? ContinueAsNew { get; init; }
}
