namespace MLOps.Durable.Storage;

/// <summary>Where an orchestration instance stands, as the Durable Functions runtime statuses.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Created; its first episode has not run yet (or its scheduled start time is still ahead).</summary>
    Pending = 0,

    /// <summary>Started and not finished.</summary>
    Running = 1,

    /// <summary>The orchestrator returned.</summary>
    Completed = 2,

    /// <summary>Internal: the execution ended with ContinueAsNew and a new one is about to start.</summary>
    ContinuedAsNew = 3,

    /// <summary>The orchestrator threw or failed replay.</summary>
    Failed = 4,

    /// <summary>A client terminated it.</summary>
    Terminated = 5,

    /// <summary>A client suspended it; events wait until it is resumed.</summary>
    Suspended = 6,
}
