using System.Net;
using Microsoft.WindowsAzure.Storage;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// The blob read stream <see cref="BlobArtifactStore.OpenReadAsync"/> returns, reporting a failed range read as an
/// <see cref="IOException"/> that names the artifact (as a file stream would) rather than the client library's
/// <see cref="StorageException"/>. The usual failure: a put replaced the blob while it was being read, and the
/// stream, pinned to the ETag it opened, refuses to continue with other bytes.
/// </summary>
internal sealed class ArtifactReadStream(Stream inner, string runId, string name) : Stream
{
    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        try
        {
            return inner.Read(buffer, offset, count);
        }
        catch (StorageException error)
        {
            throw Failed(error);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        try
        {
            return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error)
        {
            throw Failed(error);
        }
    }

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException("An artifact stream is read-only.");

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException("An artifact stream is read-only.");

    public override async ValueTask DisposeAsync()
    {
        await inner.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private IOException Failed(StorageException error) => new(
        error.RequestInformation?.HttpStatusCode == (int)HttpStatusCode.PreconditionFailed
            ? $"Artifact '{name}' of run '{runId}' was replaced while it was being read: open it again to read the new content."
            : $"Artifact '{name}' of run '{runId}' could not be read: {error.Message}",
        error);
}
