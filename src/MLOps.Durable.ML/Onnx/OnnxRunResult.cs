namespace MLOps.Durable.ML.Onnx;

/// <summary>The outputs of one <see cref="OnnxSession.Run"/>, copied into managed memory.</summary>
public sealed class OnnxRunResult
{
    internal OnnxRunResult(Dictionary<string, OnnxTensor> tensors, Dictionary<string, IReadOnlyList<OnnxMap>> mapSequences)
    {
        Tensors = tensors;
        MapSequences = mapSequences;
    }

    /// <summary>Tensor outputs by name.</summary>
    public IReadOnlyDictionary<string, OnnxTensor> Tensors { get; }

    /// <summary>Sequence-of-map outputs (such as ZipMap's) by name: one map per row.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<OnnxMap>> MapSequences { get; }

    /// <summary>The tensor output <paramref name="name"/>; the error lists the tensor outputs there are.</summary>
    public OnnxTensor this[string name] => Tensors.TryGetValue(name, out var tensor)
        ? tensor
        : throw new KeyNotFoundException(
            $"The run returned no tensor output '{name}'. Tensor outputs: {string.Join(", ", Tensors.Keys)}.");
}
