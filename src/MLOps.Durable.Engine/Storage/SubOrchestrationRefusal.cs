using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>
/// The message a store sends to a parent when the sub-orchestration it asked for cannot be created because
/// an unfinished instance already has that id. Every backend uses this so parents see the same failure.
/// </summary>
public static class SubOrchestrationRefusal
{
    /// <summary>Builds the failure message for <paramref name="child"/>'s parent.</summary>
    public static OrchestrationMessage For(ExecutionStarted child, OrchestrationRuntimeStatus existingStatus, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(child);
        var parent = child.Parent ?? throw new ArgumentException("A sub-orchestration start must name its parent.", nameof(child));
        var refusal = new OrchestrationAlreadyExistsException(child.InstanceId, existingStatus);
        var failure = new FailureDetails(refusal.GetType().FullName!, refusal.Message);
        return new OrchestrationMessage(
            parent.InstanceId, parent.ExecutionId, new SubOrchestrationInstanceFailed(now, parent.TaskScheduledId, failure));
    }
}
