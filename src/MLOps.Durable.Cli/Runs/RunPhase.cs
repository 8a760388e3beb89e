namespace MLOps.Durable.Cli.Runs;

/// <summary>Where a run stands, as far as watching it is concerned.</summary>
internal enum RunPhase
{
    /// <summary>Stages are running (or the run is pending).</summary>
    Running,

    /// <summary>The approve stage waits for a reviewer: nothing more happens until someone decides (or the deadline).</summary>
    WaitingForApproval,

    /// <summary>Completed with the model deployed (or completed with an outcome this CLI does not know).</summary>
    Deployed,

    /// <summary>Completed with outcome "rejected" (data, gates, reviewer, timeout or canary).</summary>
    Rejected,

    /// <summary>The orchestration failed.</summary>
    Failed,

    /// <summary>The orchestration was terminated (cancelled).</summary>
    Cancelled,

    /// <summary>The orchestration is suspended: nothing happens until someone resumes it.</summary>
    Suspended,
}
