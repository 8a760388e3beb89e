namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Names of the run's activities (registered by <see cref="PipelineTasks"/>).</summary>
public static class PipelineActivities
{
    public const string LoadPlan = "PipelineLoadPlan";
    public const string ValidateData = "PipelineValidateData";
    public const string TrainCandidate = "PipelineTrainCandidate";
    public const string Evaluate = "PipelineEvaluate";
    public const string RequestApproval = "PipelineRequestApproval";
    public const string Deploy = "PipelineDeploy";
    public const string CheckCanary = "PipelineCheckCanary";
    public const string SettleCanary = "PipelineSettleCanary";
}
