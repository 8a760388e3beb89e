namespace MLOps.Durable.ML.Onnx;

/// <summary>Settings for a new <see cref="OnnxSession"/>.</summary>
public sealed class OnnxSessionOptions
{
    /// <summary>
    /// Threads one Run may use inside an operator. Defaults to 1: scoring requests run in parallel on their
    /// own threads, and small tabular models gain nothing from more. 0 lets ONNX Runtime choose.
    /// </summary>
    public int IntraOpThreads { get; init; } = 1;

    /// <summary>Threads for running independent operators in parallel; 1 (sequential) by default.</summary>
    public int InterOpThreads { get; init; } = 1;

    internal void Validate()
    {
        if (IntraOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(IntraOpThreads), IntraOpThreads, "IntraOpThreads must be 0 (ONNX Runtime decides) or more.");
        }

        if (InterOpThreads < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(InterOpThreads), InterOpThreads, "InterOpThreads must be 0 (ONNX Runtime decides) or more.");
        }
    }
}
