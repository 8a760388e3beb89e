namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// An input or output of a loaded model. For tensors, <see cref="Shape"/> holds -1 for each dimension
/// chosen at run time (such as the batch size); for other kinds it is empty and
/// <see cref="ElementType"/> is <see cref="OnnxElementType.Undefined"/>.
/// </summary>
public sealed record OnnxValueInfo(string Name, OnnxValueKind Kind, OnnxElementType ElementType, IReadOnlyList<long> Shape);
