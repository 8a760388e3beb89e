namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>Names of the monitor's activities.</summary>
public static class MonitorActivities
{
    public const string LoadPlan = "MonitorLoadPlan";
    public const string CheckDrift = "MonitorCheckDrift";
    public const string StartRetraining = "MonitorStartRetraining";
    public const string Ensure = "PipelineEnsureMonitor";
}
