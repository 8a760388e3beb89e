using System.Runtime.InteropServices;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The entries of ONNX Runtime's <c>struct OrtApi</c> that this project calls, read by their index in the
/// struct (the struct only grows at its end, so indices are stable across versions). Every entry returning
/// <c>nint</c> returns an <c>OrtStatus*</c> that is NULL on success; pass it to <see cref="Check"/>.
/// C enums are <c>int</c>, <c>size_t</c> is <c>nuint</c>. See README.md for the index table.
/// </summary>
internal sealed unsafe class OrtApi
{
    public OrtApi(nint* table)
    {
        GetErrorCode = (delegate* unmanaged[Cdecl]<nint, int>)table[1];
        GetErrorMessage = (delegate* unmanaged[Cdecl]<nint, byte*>)table[2];
        CreateEnv = (delegate* unmanaged[Cdecl]<int, byte*, nint*, nint>)table[3];
        CreateSession = (delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint>)table[7];
        CreateSessionFromArray = (delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint>)table[8];
        Run = (delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)table[9];
        CreateSessionOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[10];
        SetSessionGraphOptimizationLevel = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[23];
        SetIntraOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[24];
        SetInterOpNumThreads = (delegate* unmanaged[Cdecl]<nint, int, nint>)table[25];
        SessionGetInputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[30];
        SessionGetOutputCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[31];
        SessionGetInputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)table[33];
        SessionGetOutputTypeInfo = (delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint>)table[34];
        SessionGetInputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)table[36];
        SessionGetOutputName = (delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint>)table[37];
        CreateTensorAsOrtValue = (delegate* unmanaged[Cdecl]<nint, long*, nuint, int, nint*, nint>)table[48];
        CreateTensorWithDataAsOrtValue = (delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint>)table[49];
        GetTensorMutableData = (delegate* unmanaged[Cdecl]<nint, void**, nint>)table[51];
        FillStringTensor = (delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint>)table[52];
        GetStringTensorDataLength = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[53];
        GetStringTensorContent = (delegate* unmanaged[Cdecl]<nint, void*, nuint, nuint*, nuint, nint>)table[54];
        CastTypeInfoToTensorInfo = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[55];
        GetOnnxTypeFromTypeInfo = (delegate* unmanaged[Cdecl]<nint, int*, nint>)table[56];
        GetTensorElementType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)table[60];
        GetDimensionsCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[61];
        GetDimensions = (delegate* unmanaged[Cdecl]<nint, long*, nuint, nint>)table[62];
        GetTensorTypeAndShape = (delegate* unmanaged[Cdecl]<nint, nint*, nint>)table[65];
        GetValueType = (delegate* unmanaged[Cdecl]<nint, int*, nint>)table[67];
        CreateCpuMemoryInfo = (delegate* unmanaged[Cdecl]<int, int, nint*, nint>)table[69];
        AllocatorFree = (delegate* unmanaged[Cdecl]<nint, void*, nint>)table[76];
        GetAllocatorWithDefaultOptions = (delegate* unmanaged[Cdecl]<nint*, nint>)table[78];
        GetValue = (delegate* unmanaged[Cdecl]<nint, int, nint, nint*, nint>)table[80];
        GetValueCount = (delegate* unmanaged[Cdecl]<nint, nuint*, nint>)table[81];
        ReleaseStatus = (delegate* unmanaged[Cdecl]<nint, void>)table[93];
        ReleaseSession = (delegate* unmanaged[Cdecl]<nint, void>)table[95];
        ReleaseValue = (delegate* unmanaged[Cdecl]<nint, void>)table[96];
        ReleaseTypeInfo = (delegate* unmanaged[Cdecl]<nint, void>)table[98];
        ReleaseTensorTypeAndShapeInfo = (delegate* unmanaged[Cdecl]<nint, void>)table[99];
        ReleaseSessionOptions = (delegate* unmanaged[Cdecl]<nint, void>)table[100];
    }

    public delegate* unmanaged[Cdecl]<nint, int> GetErrorCode { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*> GetErrorMessage { get; }
    public delegate* unmanaged[Cdecl]<int, byte*, nint*, nint> CreateEnv { get; }
    public delegate* unmanaged[Cdecl]<nint, byte*, nint, nint*, nint> CreateSession { get; }
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, nint, nint*, nint> CreateSessionFromArray { get; }
    public delegate* unmanaged[Cdecl]<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint> Run { get; }
    public delegate* unmanaged[Cdecl]<nint*, nint> CreateSessionOptions { get; }
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetSessionGraphOptimizationLevel { get; }
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetIntraOpNumThreads { get; }
    public delegate* unmanaged[Cdecl]<nint, int, nint> SetInterOpNumThreads { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetInputCount { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> SessionGetOutputCount { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetInputTypeInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint, nint*, nint> SessionGetOutputTypeInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetInputName { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint, nint, byte**, nint> SessionGetOutputName { get; }
    public delegate* unmanaged[Cdecl]<nint, long*, nuint, int, nint*, nint> CreateTensorAsOrtValue { get; }
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, long*, nuint, int, nint*, nint> CreateTensorWithDataAsOrtValue { get; }
    public delegate* unmanaged[Cdecl]<nint, void**, nint> GetTensorMutableData { get; }
    public delegate* unmanaged[Cdecl]<nint, byte**, nuint, nint> FillStringTensor { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetStringTensorDataLength { get; }
    public delegate* unmanaged[Cdecl]<nint, void*, nuint, nuint*, nuint, nint> GetStringTensorContent { get; }
    public delegate* unmanaged[Cdecl]<nint, nint*, nint> CastTypeInfoToTensorInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetOnnxTypeFromTypeInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetTensorElementType { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetDimensionsCount { get; }
    public delegate* unmanaged[Cdecl]<nint, long*, nuint, nint> GetDimensions { get; }
    public delegate* unmanaged[Cdecl]<nint, nint*, nint> GetTensorTypeAndShape { get; }
    public delegate* unmanaged[Cdecl]<nint, int*, nint> GetValueType { get; }
    public delegate* unmanaged[Cdecl]<int, int, nint*, nint> CreateCpuMemoryInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, void*, nint> AllocatorFree { get; }
    public delegate* unmanaged[Cdecl]<nint*, nint> GetAllocatorWithDefaultOptions { get; }
    public delegate* unmanaged[Cdecl]<nint, int, nint, nint*, nint> GetValue { get; }
    public delegate* unmanaged[Cdecl]<nint, nuint*, nint> GetValueCount { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseStatus { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseSession { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseValue { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseTypeInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseTensorTypeAndShapeInfo { get; }
    public delegate* unmanaged[Cdecl]<nint, void> ReleaseSessionOptions { get; }

    /// <summary>
    /// Does nothing for a NULL status; otherwise copies code and message, releases the status and throws
    /// <see cref="OnnxRuntimeException"/> naming <paramref name="operation"/>.
    /// </summary>
    public void Check(nint status, string operation)
    {
        if (status == 0)
        {
            return;
        }

        OnnxRuntimeErrorCode code;
        string message;
        try
        {
            code = (OnnxRuntimeErrorCode)GetErrorCode(status);
            message = Marshal.PtrToStringUTF8((nint)GetErrorMessage(status)) ?? string.Empty;
        }
        finally
        {
            ReleaseStatus(status);
        }

        throw new OnnxRuntimeException(operation, code, message);
    }
}
