using MLOps.Durable.History;

namespace MLOps.Durable;

/// <summary>An activity or sub-orchestration called by an orchestrator failed; <see cref="FailureDetails"/> says why.</summary>
public sealed class TaskFailedException(string taskName, int taskId, FailureDetails failureDetails)
    : DurableException($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
{
    public string TaskName { get; } = taskName;

    public int TaskId { get; } = taskId;

    public FailureDetails FailureDetails { get; } = failureDetails;
}
