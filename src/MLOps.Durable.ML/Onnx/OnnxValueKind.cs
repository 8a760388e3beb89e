namespace MLOps.Durable.ML.Onnx;

/// <summary>What an input or output holds; numbered as ONNX Runtime's <c>ONNXType</c>.</summary>
public enum OnnxValueKind
{
    /// <summary>Not known.</summary>
    Unknown = 0,

    /// <summary>A dense tensor.</summary>
    Tensor = 1,

    /// <summary>A sequence, e.g. ZipMap's sequence of maps.</summary>
    Sequence = 2,

    /// <summary>A map.</summary>
    Map = 3,

    /// <summary>An opaque value.</summary>
    Opaque = 4,

    /// <summary>A sparse tensor.</summary>
    SparseTensor = 5,

    /// <summary>An optional value.</summary>
    Optional = 6,
}
