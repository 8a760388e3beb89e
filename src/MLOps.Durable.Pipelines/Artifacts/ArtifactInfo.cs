namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>A stored artifact: its name within the run, its size and its content hash.</summary>
/// <param name="Name">The name as given to <see cref="IArtifactStore.PutAsync"/>, '/' between sub-folders.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">SHA-256 of the content, 64 lower-case hex digits.</param>
public sealed record ArtifactInfo(string Name, long Size, string Sha256);
