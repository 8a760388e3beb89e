namespace MLOps.Durable.ML.Tests.Onnx;

/// <summary>A fact that needs python3-onnx; skipped on the same terms as <see cref="PythonOnnxTheoryAttribute"/>.</summary>
public sealed class PythonOnnxFactAttribute : FactAttribute
{
    public PythonOnnxFactAttribute()
    {
        if (PythonOnnx.MissingIsAllowed && !PythonOnnx.IsAvailable)
        {
            Skip = PythonOnnx.MissingMessage;
        }
    }
}
