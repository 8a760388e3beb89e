using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>
/// Everything one orchestration episode produced, committed in one transaction: history appended to the
/// current execution (when <see cref="NewExecution"/> is set, after ContinueAsNew, the stored history is
/// deleted first and the new execution's start is queued before <see cref="Messages"/>), the
/// activities to run, messages to this and other instances (timers are messages to itself with a visible
/// time), sub-orchestrations to create, and the new status.
/// </summary>
public sealed record OrchestrationEpisode
{
    /// <summary>The execution current after the episode (the new one after ContinueAsNew); informational for stores.</summary>
    public required string ExecutionId { get; init; }

    public required IReadOnlyList<HistoryEvent> NewHistory { get; init; }

    public required InstanceStatusUpdate Status { get; init; }

    public IReadOnlyList<ActivityMessage> Activities { get; init; } = [];

    public IReadOnlyList<OrchestrationMessage> Messages { get; init; } = [];

    public IReadOnlyList<ExecutionStarted> SubOrchestrations { get; init; } = [];

    /// <summary>Set after ContinueAsNew: the old history is deleted and this execution's start is queued.</summary>
    public ExecutionStarted? NewExecution { get; init; }
}
