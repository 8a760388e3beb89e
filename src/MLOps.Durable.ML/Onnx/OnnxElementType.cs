namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Tensor element types, numbered as ONNX's <c>TensorProto.DataType</c>, which is also ONNX Runtime's
/// <c>ONNXTensorElementDataType</c>, so the value goes to both without mapping.
/// </summary>
public enum OnnxElementType
{
    /// <summary>Not a tensor, or not known.</summary>
    Undefined = 0,

    /// <summary>32-bit float.</summary>
    Float = 1,

    /// <summary>Unsigned 8-bit integer.</summary>
    UInt8 = 2,

    /// <summary>Signed 8-bit integer.</summary>
    Int8 = 3,

    /// <summary>Signed 32-bit integer.</summary>
    Int32 = 6,

    /// <summary>Signed 64-bit integer.</summary>
    Int64 = 7,

    /// <summary>UTF-8 string.</summary>
    String = 8,

    /// <summary>Boolean.</summary>
    Bool = 9,

    /// <summary>64-bit float.</summary>
    Double = 11,
}
