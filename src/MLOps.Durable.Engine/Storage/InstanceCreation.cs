using MLOps.Durable.History;

namespace MLOps.Durable.Storage;

/// <summary>
/// What a client asks the store to create: a Pending instance whose <see cref="Start"/> event is queued
/// (visible at its scheduled start time, if any).
/// </summary>
public sealed record InstanceCreation(ExecutionStarted Start)
{
    /// <summary>
    /// When true an existing instance with the same id is replaced if it is terminal; a non-terminal one
    /// is always refused with <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    public bool ReplaceTerminal { get; init; } = true;
}
