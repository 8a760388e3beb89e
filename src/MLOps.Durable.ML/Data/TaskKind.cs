namespace MLOps.Durable.ML.Data;

/// <summary>What a model learns from the target column; decides stratification, metrics and label checks.</summary>
public enum TaskKind
{
    /// <summary>Two classes.</summary>
    BinaryClassification,

    /// <summary>Three or more classes.</summary>
    MulticlassClassification,

    /// <summary>A real-valued target.</summary>
    Regression,
}
