namespace MLOps.Durable.ML.Onnx;

/// <summary>ONNX Runtime's <c>OrtErrorCode</c>, carried by <see cref="OnnxRuntimeException"/>.</summary>
public enum OnnxRuntimeErrorCode
{
    /// <summary>ORT_OK.</summary>
    Ok = 0,

    /// <summary>ORT_FAIL.</summary>
    Fail = 1,

    /// <summary>ORT_INVALID_ARGUMENT: e.g. an input of the wrong type or shape.</summary>
    InvalidArgument = 2,

    /// <summary>ORT_NO_SUCHFILE.</summary>
    NoSuchFile = 3,

    /// <summary>ORT_NO_MODEL.</summary>
    NoModel = 4,

    /// <summary>ORT_ENGINE_ERROR.</summary>
    EngineError = 5,

    /// <summary>ORT_RUNTIME_EXCEPTION.</summary>
    RuntimeException = 6,

    /// <summary>ORT_INVALID_PROTOBUF: the model bytes are not an ONNX model.</summary>
    InvalidProtobuf = 7,

    /// <summary>ORT_MODEL_LOADED.</summary>
    ModelLoaded = 8,

    /// <summary>ORT_NOT_IMPLEMENTED: e.g. an operator or type this build lacks.</summary>
    NotImplemented = 9,

    /// <summary>ORT_INVALID_GRAPH: the model parses but fails ONNX Runtime's checks.</summary>
    InvalidGraph = 10,

    /// <summary>ORT_EP_FAIL.</summary>
    ExecutionProviderFailure = 11,
}
