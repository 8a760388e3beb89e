namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The trainers a pipeline can use.</summary>
public enum TrainerKind
{
    /// <summary>Histogram gradient-boosted trees (classification and regression).</summary>
    Gbdt,

    /// <summary>Logistic regression (classification).</summary>
    Logistic,

    /// <summary>Linear / ridge regression (regression).</summary>
    Linear,
}
