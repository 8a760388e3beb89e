namespace MLOps.Durable.ML.Onnx;

/// <summary>An ONNX Runtime call returned an error status; carries ORT's error code and message.</summary>
public sealed class OnnxRuntimeException : Exception
{
    /// <summary>Creates the exception for a failed call to <paramref name="operation"/>.</summary>
    public OnnxRuntimeException(string operation, OnnxRuntimeErrorCode errorCode, string runtimeMessage)
        : base($"ONNX Runtime {operation} failed ({errorCode}): {runtimeMessage}")
    {
        Operation = operation;
        ErrorCode = errorCode;
        RuntimeMessage = runtimeMessage;
    }

    /// <summary>The OrtApi function that failed, e.g. <c>CreateSessionFromArray</c>.</summary>
    public string Operation { get; }

    /// <summary>ORT's error code.</summary>
    public OnnxRuntimeErrorCode ErrorCode { get; }

    /// <summary>ORT's message, unchanged.</summary>
    public string RuntimeMessage { get; }
}
