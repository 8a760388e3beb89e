namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>The names the pipeline stages store their outputs under, so readers need not guess.</summary>
public static class ArtifactNames
{
    /// <summary>The training data profile (JSON).</summary>
    public const string Profile = "profile.json";

    /// <summary>The data validation report (JSON).</summary>
    public const string ValidationReport = "validation-report.json";

    /// <summary>The trained model (JSON).</summary>
    public const string ModelJson = "model.json";

    /// <summary>The ONNX export of the trained model.</summary>
    public const string Onnx = "model.onnx";

    /// <summary>The training and evaluation metrics (JSON).</summary>
    public const string Metrics = "metrics.json";

    /// <summary>The evaluation report with gate results and the comparison with production (JSON).</summary>
    public const string EvaluationReport = "evaluation-report.json";
}
