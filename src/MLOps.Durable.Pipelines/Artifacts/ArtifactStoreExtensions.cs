namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>Byte-array conveniences over <see cref="IArtifactStore"/>, for the small JSON artifacts most stages write.</summary>
public static class ArtifactStoreExtensions
{
    /// <summary>Stores <paramref name="content"/> as the run's artifact <paramref name="name"/> (see <see cref="IArtifactStore.PutAsync"/>).</summary>
    public static async Task<ArtifactInfo> PutAsync(
        this IArtifactStore store, string runId, string name, byte[] content, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(content);
        using var stream = new MemoryStream(content, writable: false);
        return await store.PutAsync(runId, name, stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a whole artifact.</summary>
    /// <exception cref="ArtifactNotFoundException">The run has no artifact of that name.</exception>
    public static async Task<byte[]> ReadAllBytesAsync(
        this IArtifactStore store, string runId, string name, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var stream = await store.OpenReadAsync(runId, name, cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, cancellationToken).ConfigureAwait(false);
            return copy.ToArray();
        }
    }
}
