using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>The instance row as it stands after an episode.</summary>
public sealed record InstanceStatusUpdate(
    OrchestrationRuntimeStatus RuntimeStatus,
    string? SerializedOutput,
    string? SerializedCustomStatus,
    FailureDetails? FailureDetails);
