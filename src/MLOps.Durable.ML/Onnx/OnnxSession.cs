using System.Runtime.InteropServices;
using System.Text;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// A model loaded into ONNX Runtime (an <c>OrtSession</c>), called through its C API. <see cref="Run"/> is
/// thread-safe, as ORT sessions allow concurrent Run; <see cref="Dispose"/> waits for none but releases the
/// native session only after the last Run in flight returns.
/// </summary>
public sealed unsafe partial class OnnxSession : IDisposable
{
    private const int GraphOptimizationAll = 99;

    private readonly OnnxRuntimeEnvironment _runtime;
    private readonly OrtSessionHandle _handle;
    private readonly Dictionary<string, int> _inputIndex;
    private readonly Dictionary<string, int> _outputIndex;

    private OnnxSession(OnnxRuntimeEnvironment runtime, OrtSessionHandle handle)
    {
        _runtime = runtime;
        _handle = handle;
        Inputs = ReadValueInfos(isInput: true);
        Outputs = ReadValueInfos(isInput: false);
        _inputIndex = IndexByName(Inputs);
        _outputIndex = IndexByName(Outputs);
    }

    /// <summary>The version of the loaded ONNX Runtime library, e.g. "1.30.0" (loads it if needed).</summary>
    public static string RuntimeVersion => OnnxRuntimeEnvironment.Instance.Version;

    /// <summary>The model's inputs, in model order.</summary>
    public IReadOnlyList<OnnxValueInfo> Inputs { get; }

    /// <summary>The model's outputs, in model order.</summary>
    public IReadOnlyList<OnnxValueInfo> Outputs { get; }

    /// <summary>Loads a model from its ONNX bytes (CreateSessionFromArray).</summary>
    public static OnnxSession FromBytes(byte[] model, OnnxSessionOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        if (model.Length == 0)
        {
            throw new ArgumentException("The model is empty (0 bytes).", nameof(model));
        }

        return Create(options, (runtime, sessionOptions) =>
        {
            nint session;
            fixed (byte* data = model)
            {
                runtime.Api.Check(
                    runtime.Api.CreateSessionFromArray(runtime.Env, data, (nuint)model.Length, sessionOptions, &session),
                    "CreateSessionFromArray");
            }

            return session;
        });
    }

    /// <summary>Loads a model from an .onnx file (CreateSession).</summary>
    public static OnnxSession FromFile(string path, OnnxSessionOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        if (!File.Exists(fullPath))
        {
            throw new FileNotFoundException($"There is no ONNX model at {fullPath}.", fullPath);
        }

        // On Linux ORTCHAR_T is char: the path is UTF-8.
        var utf8 = NulTerminated(fullPath);
        return Create(options, (runtime, sessionOptions) =>
        {
            nint session;
            fixed (byte* pathPointer = utf8)
            {
                runtime.Api.Check(runtime.Api.CreateSession(runtime.Env, pathPointer, sessionOptions, &session), "CreateSession");
            }

            return session;
        });
    }

    /// <summary>Marks the session disposed; ORT releases it once no Run is in flight.</summary>
    public void Dispose() => _handle.Dispose();

    private static OnnxSession Create(OnnxSessionOptions? options, Func<OnnxRuntimeEnvironment, nint, nint> createSession)
    {
        options ??= new OnnxSessionOptions();
        options.Validate();
        var runtime = OnnxRuntimeEnvironment.Instance;
        var api = runtime.Api;
        nint sessionOptions;
        api.Check(api.CreateSessionOptions(&sessionOptions), "CreateSessionOptions");
        OrtSessionHandle handle;
        try
        {
            api.Check(api.SetIntraOpNumThreads(sessionOptions, options.IntraOpThreads), "SetIntraOpNumThreads");
            api.Check(api.SetInterOpNumThreads(sessionOptions, options.InterOpThreads), "SetInterOpNumThreads");
            api.Check(api.SetSessionGraphOptimizationLevel(sessionOptions, GraphOptimizationAll), "SetSessionGraphOptimizationLevel");
            handle = new OrtSessionHandle(api, createSession(runtime, sessionOptions));
        }
        finally
        {
            api.ReleaseSessionOptions(sessionOptions);
        }

        try
        {
            return new OnnxSession(runtime, handle);
        }
        catch
        {
            handle.Dispose();
            throw;
        }
    }

    private OnnxValueInfo[] ReadValueInfos(bool isInput)
    {
        var api = _runtime.Api;
        var session = _handle.DangerousGetHandle();
        nuint count;
        api.Check(isInput ? api.SessionGetInputCount(session, &count) : api.SessionGetOutputCount(session, &count), "SessionGetInputCount/OutputCount");
        var infos = new OnnxValueInfo[(int)count];
        var names = new nint[(int)count];
        if (isInput)
        {
            _handle.InputNames = names;
        }
        else
        {
            _handle.OutputNames = names;
        }

        for (var i = 0; i < infos.Length; i++)
        {
            byte* name;
            api.Check(
                isInput
                    ? api.SessionGetInputName(session, (nuint)i, _runtime.Allocator, &name)
                    : api.SessionGetOutputName(session, (nuint)i, _runtime.Allocator, &name),
                "SessionGetInputName/OutputName");
            string text;
            try
            {
                text = Marshal.PtrToStringUTF8((nint)name) ?? string.Empty;
            }
            finally
            {
                api.Check(api.AllocatorFree(_runtime.Allocator, name), "AllocatorFree");
            }

            names[i] = Marshal.StringToCoTaskMemUTF8(text);
            nint typeInfo;
            api.Check(
                isInput
                    ? api.SessionGetInputTypeInfo(session, (nuint)i, &typeInfo)
                    : api.SessionGetOutputTypeInfo(session, (nuint)i, &typeInfo),
                "SessionGetInputTypeInfo/OutputTypeInfo");
            try
            {
                infos[i] = DescribeType(text, typeInfo);
            }
            finally
            {
                api.ReleaseTypeInfo(typeInfo);
            }
        }

        return infos;
    }

    private OnnxValueInfo DescribeType(string name, nint typeInfo)
    {
        var api = _runtime.Api;
        int kind;
        api.Check(api.GetOnnxTypeFromTypeInfo(typeInfo, &kind), "GetOnnxTypeFromTypeInfo");
        if ((OnnxValueKind)kind != OnnxValueKind.Tensor)
        {
            return new OnnxValueInfo(name, (OnnxValueKind)kind, OnnxElementType.Undefined, []);
        }

        // The tensor info belongs to typeInfo: it is not released separately.
        nint tensorInfo;
        api.Check(api.CastTypeInfoToTensorInfo(typeInfo, &tensorInfo), "CastTypeInfoToTensorInfo");
        var (elementType, shape) = OrtValueReader.ReadTypeAndShape(api, tensorInfo);
        return new OnnxValueInfo(name, OnnxValueKind.Tensor, elementType, shape);
    }

    private static Dictionary<string, int> IndexByName(IReadOnlyList<OnnxValueInfo> values)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < values.Count; i++)
        {
            index[values[i].Name] = i;
        }

        return index;
    }

    private static byte[] NulTerminated(string text)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(text) + 1];
        Encoding.UTF8.GetBytes(text, bytes);
        return bytes;
    }
}
