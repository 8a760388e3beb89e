using System.Runtime.InteropServices;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// The process-wide ONNX Runtime: the loaded library, its <see cref="OrtApi"/>, one <c>OrtEnv</c>, a CPU
/// memory info for tensors over managed buffers and the default allocator. Loaded on first use and kept
/// for the life of the process (ORT allows one env per process; releasing it at exit gains nothing).
/// </summary>
internal sealed unsafe class OnnxRuntimeEnvironment
{
    /// <summary>The OrtApi version requested; every member used exists since 1.17 (the library offers 1..30).</summary>
    public const uint ApiVersion = 17;

    private const int LoggingLevelError = 3;
    private const int ArenaAllocator = 1;
    private const int MemTypeDefault = 0;

    private static readonly Lazy<OnnxRuntimeEnvironment> Shared = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    private OnnxRuntimeEnvironment(OrtApi api, string libraryPath, string version, nint env, nint cpuMemoryInfo, nint allocator)
    {
        Api = api;
        LibraryPath = libraryPath;
        Version = version;
        Env = env;
        CpuMemoryInfo = cpuMemoryInfo;
        Allocator = allocator;
    }

    /// <summary>The runtime, loading it on first use; throws <see cref="OnnxRuntimeNotFoundException"/> when it cannot.</summary>
    public static OnnxRuntimeEnvironment Instance => Shared.Value;

    public OrtApi Api { get; }

    public string LibraryPath { get; }

    /// <summary>The library's own version string, e.g. "1.30.0".</summary>
    public string Version { get; }

    public nint Env { get; }

    public nint CpuMemoryInfo { get; }

    /// <summary>ORT's default CPU allocator: never freed.</summary>
    public nint Allocator { get; }

    private static OnnxRuntimeEnvironment Load()
    {
        var path = OnnxRuntimeLocator.Locate();
        nint library;
        try
        {
            library = NativeLibrary.Load(path);
        }
        catch (Exception error) when (error is DllNotFoundException or BadImageFormatException)
        {
            throw new OnnxRuntimeNotFoundException($"ONNX Runtime at {path} could not be loaded: {error.Message}", [path], error);
        }

        if (!NativeLibrary.TryGetExport(library, "OrtGetApiBase", out var export))
        {
            throw new OnnxRuntimeNotFoundException($"{path} does not export OrtGetApiBase; it is not ONNX Runtime.", [path]);
        }

        // OrtApiBase is { const OrtApi* GetApi(uint32_t); const char* GetVersionString(void); }.
        var apiBase = ((delegate* unmanaged[Cdecl]<nint*>)export)();
        var getApi = (delegate* unmanaged[Cdecl]<uint, nint*>)apiBase[0];
        var getVersionString = (delegate* unmanaged[Cdecl]<byte*>)apiBase[1];
        var version = Marshal.PtrToStringUTF8((nint)getVersionString()) ?? "unknown";
        var table = getApi(ApiVersion);
        if (table is null)
        {
            throw new OnnxRuntimeNotFoundException(
                $"ONNX Runtime {version} at {path} does not offer API version {ApiVersion}; install onnxruntime-node 1.30.0 with 'bash scripts/install-test-deps.sh'.",
                [path]);
        }

        var api = new OrtApi(table);
        nint env, memoryInfo, allocator;
        fixed (byte* logIdPointer = "MLOps.Durable\0"u8)
        {
            api.Check(api.CreateEnv(LoggingLevelError, logIdPointer, &env), "CreateEnv");
        }

        api.Check(api.CreateCpuMemoryInfo(ArenaAllocator, MemTypeDefault, &memoryInfo), "CreateCpuMemoryInfo");
        api.Check(api.GetAllocatorWithDefaultOptions(&allocator), "GetAllocatorWithDefaultOptions");
        return new OnnxRuntimeEnvironment(api, path, version, env, memoryInfo, allocator);
    }
}
