namespace MLOps.Durable.ML.Tests.Onnx;

/// <summary>
/// A theory that needs python3-onnx. It is skipped, with the reason, only when python3-onnx is missing and
/// MLOPS_ALLOW_MISSING_PYTHON_ONNX=1; otherwise a missing python3-onnx fails the test with the install hint.
/// </summary>
public sealed class PythonOnnxTheoryAttribute : TheoryAttribute
{
    public PythonOnnxTheoryAttribute()
    {
        if (PythonOnnx.MissingIsAllowed && !PythonOnnx.IsAvailable)
        {
            Skip = PythonOnnx.MissingMessage;
        }
    }
}
