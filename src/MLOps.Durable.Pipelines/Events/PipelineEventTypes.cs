namespace MLOps.Durable.Pipelines.Events;

/// <summary>The event types and subjects (table in Events/README.md).</summary>
public static class PipelineEventTypes
{
    public const string RunStarted = "MLOps.Run.Started";
    public const string RunCompleted = "MLOps.Run.Completed";
    public const string RunRejected = "MLOps.Run.Rejected";
    public const string RunFailed = "MLOps.Run.Failed";
    public const string ApprovalRequested = "MLOps.Approval.Requested";
    public const string ApprovalDecided = "MLOps.Approval.Decided";
    public const string ApprovalTimedOut = "MLOps.Approval.TimedOut";
    public const string ApprovalEscalated = "MLOps.Approval.Escalated";
    public const string ModelRegistered = "MLOps.Model.Registered";
    public const string ModelDeployed = "MLOps.Model.Deployed";
    public const string ModelPromoted = "MLOps.Model.Promoted";
    public const string ModelRolledBack = "MLOps.Model.RolledBack";
    public const string DriftDetected = "MLOps.Drift.Detected";
    public const string RetrainingStarted = "MLOps.Retraining.Started";

    /// <summary>Every type, for validation of subscriptions.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RunStarted, RunCompleted, RunRejected, RunFailed, ApprovalRequested, ApprovalDecided, ApprovalTimedOut, ApprovalEscalated,
        ModelRegistered, ModelDeployed, ModelPromoted, ModelRolledBack, DriftDetected, RetrainingStarted,
    ];

    /// <summary>Subject of run events: <c>pipelines/{pipeline}/runs/{run}</c>.</summary>
    public static string RunSubject(string pipeline, string runId) => $"pipelines/{pipeline}/runs/{runId}";

    /// <summary>Subject of model events: <c>models/{model}/versions/{version}</c>.</summary>
    public static string ModelSubject(string model, int version) => $"models/{model}/versions/{version}";
}
