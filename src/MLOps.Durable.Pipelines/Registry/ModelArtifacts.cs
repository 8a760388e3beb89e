namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Where a version's files are: opaque references (artifact store names, paths or URIs) the registry keeps
/// but never opens, so the registry does not depend on how artifacts are stored.
/// </summary>
/// <param name="ModelJson">The trained model as JSON.</param>
/// <param name="Onnx">The ONNX export used for serving.</param>
public sealed record ModelArtifacts(string? ModelJson = null, string? Onnx = null)
{
    /// <summary>No artifacts referenced.</summary>
    public static ModelArtifacts None { get; } = new();
}
