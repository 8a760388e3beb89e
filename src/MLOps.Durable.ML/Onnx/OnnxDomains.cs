namespace MLOps.Durable.ML.Onnx;

/// <summary>Operator set domains that the exported models use.</summary>
public static class OnnxDomains
{
    /// <summary>The default domain, <c>ai.onnx</c>, written as the empty string.</summary>
    public const string Default = "";

    /// <summary>The traditional machine-learning operators (Scaler, LinearClassifier, TreeEnsemble*, ZipMap, ...).</summary>
    public const string Ml = "ai.onnx.ml";
}
