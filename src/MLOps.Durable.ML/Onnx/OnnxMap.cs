namespace MLOps.Durable.ML.Onnx;

/// <summary>One map of a map-valued output, as parallel key and value tensors (e.g. class label to probability).</summary>
public sealed record OnnxMap(OnnxTensor Keys, OnnxTensor Values);
