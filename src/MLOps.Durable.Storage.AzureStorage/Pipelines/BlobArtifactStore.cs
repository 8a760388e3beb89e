using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using MLOps.Durable.Pipelines.Artifacts;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>
/// Artifacts as block blobs: blob <c>{runId}/{name}</c> in one container per task hub (created on the first
/// put). A put either uploads the whole content in one Put Blob or stages blocks and commits them with one Put
/// Block List; both replace the blob atomically, so a reader sees the old content or the new. The SHA-256 is
/// computed while uploading and committed as blob metadata in that same request, so listing needs no download
/// and the hash cannot describe other bytes. See README.md in this folder.
/// </summary>
internal sealed class BlobArtifactStore : IArtifactStore
{
    /// <summary>Content smaller than this goes up in one request; larger content in blocks of this size.</summary>
    public const int DefaultBlockSize = 4 * 1024 * 1024;

    /// <summary>The blob metadata entry that holds the content's SHA-256 (64 lower-case hex digits).</summary>
    public const string Sha256Metadata = "sha256";

    private readonly CloudBlobContainer _container;
    private readonly int _blockSize;
    private volatile bool _containerExists;

    /// <summary>A store over <paramref name="container"/>; <paramref name="blockSize"/> is smaller only in tests, to stage several blocks cheaply.</summary>
    public BlobArtifactStore(CloudBlobContainer container, int blockSize = DefaultBlockSize)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentOutOfRangeException.ThrowIfLessThan(blockSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(blockSize, DefaultBlockSize * 16);
        _container = container;
        _blockSize = blockSize;
    }

    /// <inheritdoc />
    public async Task<ArtifactInfo> PutAsync(string runId, string name, Stream content, CancellationToken cancellationToken = default)
    {
        var blobName = BlobName(runId, name);
        ArgumentNullException.ThrowIfNull(content);
        var buffer = ArrayPool<byte>.Shared.Rent(_blockSize);
        try
        {
            await EnsureContainerAsync(cancellationToken).ConfigureAwait(false);
            var blob = _container.GetBlockBlobReference(blobName);
            using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var block = buffer.AsMemory(0, _blockSize);
            var read = await FillAsync(content, block, cancellationToken).ConfigureAwait(false);
            sha256.AppendData(buffer, 0, read);
            if (read < _blockSize)
            {
                var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
                blob.Metadata[Sha256Metadata] = hash;
                await blob.UploadFromByteArrayAsync(buffer, 0, read, null, null, null, cancellationToken).ConfigureAwait(false);
                return new ArtifactInfo(name, read, hash);
            }

            return await PutBlocksAsync(blob, name, content, buffer, _blockSize, sha256, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error) when (StorageErrors.IsUnreachable(error))
        {
            throw StorageErrors.Unreachable(error, _container.ServiceClient.BaseUri);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <inheritdoc />
    public async Task<Stream> OpenReadAsync(string runId, string name, CancellationToken cancellationToken = default)
    {
        var blob = _container.GetBlockBlobReference(BlobName(runId, name));
        try
        {
            // The library's stream pins the blob's ETag: if a put replaces the blob while a large artifact is being
            // read, the next range read fails instead of mixing old and new bytes.
            var stream = await blob.OpenReadAsync(null, null, null, cancellationToken).ConfigureAwait(false);
            return new ArtifactReadStream(stream, runId, name);
        }
        catch (StorageException error) when (StorageErrors.IsNotFound(error))
        {
            throw new ArtifactNotFoundException(runId, name, error);
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error) when (StorageErrors.IsUnreachable(error))
        {
            throw StorageErrors.Unreachable(error, _container.ServiceClient.BaseUri);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        var prefix = RunPrefix(runId);
        try
        {
            return await ListArtifactsAsync(prefix, cancellationToken).ConfigureAwait(false);
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error) when (StorageErrors.IsUnreachable(error))
        {
            throw StorageErrors.Unreachable(error, _container.ServiceClient.BaseUri);
        }
    }

    /// <inheritdoc />
    public async Task<bool> DeleteRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var prefix = RunPrefix(runId);
        try
        {
            var deleted = false;
            foreach (var blob in await ListRunAsync(prefix, BlobListingDetails.None, cancellationToken).ConfigureAwait(false))
            {
                deleted |= await blob.DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots, null, null, null, cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }
        catch (StorageException error) when (StorageErrors.IsCancellation(error, cancellationToken))
        {
            throw StorageErrors.Cancelled(error, cancellationToken);
        }
        catch (StorageException error) when (StorageErrors.IsUnreachable(error))
        {
            throw StorageErrors.Unreachable(error, _container.ServiceClient.BaseUri);
        }
    }

    private async Task<IReadOnlyList<ArtifactInfo>> ListArtifactsAsync(string prefix, CancellationToken cancellationToken)
    {
        var artifacts = new List<ArtifactInfo>();
        foreach (var blob in await ListRunAsync(prefix, BlobListingDetails.Metadata, cancellationToken).ConfigureAwait(false))
        {
            var name = blob.Name[prefix.Length..];
            if (!IsArtifactName(name))
            {
                // Put there by something else (the portal, a copy tool): no operation of this store could open it.
                continue;
            }

            var hash = blob.Metadata.TryGetValue(Sha256Metadata, out var stored) && IsSha256(stored)
                ? stored
                : await HashAsync(blob, cancellationToken).ConfigureAwait(false);
            if (hash is not null)
            {
                artifacts.Add(new ArtifactInfo(name, blob.Properties.Length, hash));
            }
        }

        artifacts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return artifacts;
    }

    /// <summary>
    /// Stages the full first block (already in <paramref name="buffer"/> and hashed) and the rest of the stream as
    /// blocks, then commits them with the hash in one request.
    /// </summary>
    private static async Task<ArtifactInfo> PutBlocksAsync(
        CloudBlockBlob blob, string name, Stream content, byte[] buffer, int blockSize, IncrementalHash sha256, CancellationToken cancellationToken)
    {
        // Block ids must have one length per blob, also across concurrent puts; a per-put prefix keeps two
        // puts of the same name from committing each other's blocks. Uncommitted blocks expire on their own.
        var put = Guid.NewGuid().ToString("N");
        var blocks = new List<string>();
        long size = 0;
        var read = blockSize;
        while (read > 0)
        {
            var id = Convert.ToBase64String(Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{put}-{blocks.Count:D6}")));
            using (var block = new MemoryStream(buffer, 0, read, writable: false))
            {
                await blob.PutBlockAsync(id, block, null, null, null, null, cancellationToken).ConfigureAwait(false);
            }

            blocks.Add(id);
            size += read;
            read = await FillAsync(content, buffer.AsMemory(0, blockSize), cancellationToken).ConfigureAwait(false);
            sha256.AppendData(buffer, 0, read);
        }

        var hash = Convert.ToHexStringLower(sha256.GetHashAndReset());
        blob.Metadata[Sha256Metadata] = hash;
        await blob.PutBlockListAsync(blocks, null, null, null, cancellationToken).ConfigureAwait(false);
        return new ArtifactInfo(name, size, hash);
    }

    private async Task EnsureContainerAsync(CancellationToken cancellationToken)
    {
        if (!_containerExists)
        {
            await _container.CreateIfNotExistsAsync(BlobContainerPublicAccessType.Off, null, null, cancellationToken).ConfigureAwait(false);
            _containerExists = true;
        }
    }

    /// <summary>Every blob under the run's prefix; none when the container does not exist yet.</summary>
    private async Task<List<CloudBlob>> ListRunAsync(string prefix, BlobListingDetails details, CancellationToken cancellationToken)
    {
        var blobs = new List<CloudBlob>();
        BlobContinuationToken? token = null;
        do
        {
            BlobResultSegment segment;
            try
            {
                segment = await _container.ListBlobsSegmentedAsync(prefix, true, details, null, token, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (StorageException error) when (StorageErrors.IsNotFound(error))
            {
                return blobs;
            }

            blobs.AddRange(segment.Results.OfType<CloudBlob>());
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return blobs;
    }

    /// <summary>The hash of a blob that has none in its metadata (written by another tool); null when it vanished meanwhile.</summary>
    private static async Task<string?> HashAsync(CloudBlob blob, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await blob.OpenReadAsync(null, null, null, cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (StorageException error) when (StorageErrors.IsNotFound(error))
        {
            return null;
        }
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the stream ends; the count read.</summary>
    private static async Task<int> FillAsync(Stream content, Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = await content.ReadAsync(buffer[total..], cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    private static string RunPrefix(string runId)
    {
        ArtifactPaths.ValidateRunId(runId);
        return runId + "/";
    }

    private static string BlobName(string runId, string name)
    {
        var prefix = RunPrefix(runId);
        ArtifactPaths.ValidateName(name);
        return prefix + name;
    }

    private static bool IsArtifactName(string name)
    {
        try
        {
            ArtifactPaths.ValidateName(name);
            return true;
        }
        catch (InvalidArtifactPathException)
        {
            return false;
        }
    }

    private static bool IsSha256(string value) => value.Length == 64 && value.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
