namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>
/// One pipeline, as read from <c>workflows/{name}.pipeline.yaml</c>: where its data comes from and how it is
/// checked, how models are trained and evaluated, who approves, how a model is deployed and monitored,
/// and when it retrains. Every section but <see cref="Data"/> and <see cref="Train"/> has defaults.
/// </summary>
/// <param name="Name">Unique pipeline name (also the registry's model name).</param>
/// <param name="Description">What it is for.</param>
/// <param name="Data">Data source, target, schema and validation limits.</param>
/// <param name="Train">Trainer, hyperparameters, sweep, split and seed.</param>
/// <param name="Evaluate">Metrics and gates.</param>
/// <param name="Approve">Human approval policy.</param>
/// <param name="Deploy">Deployment strategy.</param>
/// <param name="Monitor">Drift and performance monitoring.</param>
/// <param name="Schedule">Six-field NCRONTAB retraining schedule, or null.</param>
/// <param name="SourceFile">The file it was read from (absolute).</param>
public sealed record PipelineDefinition(
    string Name,
    string? Description,
    DataSettings Data,
    TrainSettings Train,
    EvaluateSettings Evaluate,
    ApproveSettings Approve,
    DeploySettings Deploy,
    MonitorSettings Monitor,
    string? Schedule,
    string SourceFile);
