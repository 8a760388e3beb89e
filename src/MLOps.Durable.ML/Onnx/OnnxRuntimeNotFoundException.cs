namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The ONNX Runtime shared library could not be found or loaded. The message lists where it looked and how
/// to install it.
/// </summary>
public sealed class OnnxRuntimeNotFoundException : Exception
{
    /// <summary>Creates the exception with the paths that were tried.</summary>
    public OnnxRuntimeNotFoundException(string message, IReadOnlyList<string> searchedPaths, Exception? innerException = null)
        : base(message, innerException)
    {
        SearchedPaths = searchedPaths;
    }

    /// <summary>Every file path that was tried, in order.</summary>
    public IReadOnlyList<string> SearchedPaths { get; }
}
