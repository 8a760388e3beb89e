using System.Runtime.InteropServices;

namespace MLOps.Durable.ML.Onnx;

/// <summary>
/// Owns an <c>OrtSession*</c> and the NUL-terminated UTF-8 input and output names passed to every Run.
/// As a <see cref="SafeHandle"/>, it counts the Run calls in flight (DangerousAddRef / DangerousRelease),
/// so disposing while another thread scores defers ReleaseSession until the last Run returns.
/// </summary>
internal sealed class OrtSessionHandle : SafeHandle
{
    private readonly OrtApi _api;

    public OrtSessionHandle(OrtApi api, nint session)
        : base(0, ownsHandle: true)
    {
        _api = api;
        SetHandle(session);
    }

    public override bool IsInvalid => handle == 0;

    /// <summary>UTF-8 input names in unmanaged memory, in model order.</summary>
    public nint[] InputNames { get; set; } = [];

    /// <summary>UTF-8 output names in unmanaged memory, in model order.</summary>
    public nint[] OutputNames { get; set; } = [];

    protected override unsafe bool ReleaseHandle()
    {
        _api.ReleaseSession(handle);
        foreach (var name in InputNames.Concat(OutputNames))
        {
            Marshal.FreeCoTaskMem(name);
        }

        return true;
    }
}
