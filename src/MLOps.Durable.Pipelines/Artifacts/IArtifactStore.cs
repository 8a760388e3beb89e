namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>
/// The files a pipeline run produces (profile, validation report, model JSON, ONNX model, metrics, evaluation
/// report), kept under the run. Deliberately narrow - put whole, read, list, delete the run - so a folder and a
/// blob container implement it alike. Run ids and names follow <see cref="ArtifactPaths"/>; a bad one throws
/// <see cref="InvalidArtifactPathException"/> before anything is touched.
/// </summary>
public interface IArtifactStore
{
    /// <summary>
    /// Stores <paramref name="content"/> (read to its end) as the run's artifact <paramref name="name"/>, replacing
    /// any artifact of that name. Atomic: readers see the old content or the new, never a part.
    /// </summary>
    /// <param name="runId">The run (orchestration instance id).</param>
    /// <param name="name">A relative name; '/' separates sub-folders (e.g. "reports/metrics.json").</param>
    /// <param name="content">The bytes to store.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is stored then.</param>
    Task<ArtifactInfo> PutAsync(string runId, string name, Stream content, CancellationToken cancellationToken = default);

    /// <summary>Opens an artifact for reading; the caller disposes the stream.</summary>
    /// <exception cref="ArtifactNotFoundException">The run has no artifact of that name.</exception>
    Task<Stream> OpenReadAsync(string runId, string name, CancellationToken cancellationToken = default);

    /// <summary>The run's artifacts ordered by name (ordinal); none for a run that stored nothing.</summary>
    Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, CancellationToken cancellationToken = default);

    /// <summary>Deletes the run's artifacts; false when it had none.</summary>
    Task<bool> DeleteRunAsync(string runId, CancellationToken cancellationToken = default);
}
