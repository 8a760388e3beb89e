using System.Text;
using Microsoft.WindowsAzure.Storage.Blob;

namespace MLOps.Durable.Storage.AzureStorage;

/// <summary>
/// Keeps text that is too large for a queue message or a table property in the hub's payload container and
/// hands back a reference to it. Blobs are named under the owning instance so that a purge removes them.
/// </summary>
internal sealed class PayloadStore(CloudBlobContainer container)
{
    /// <summary>
    /// Longest text kept inline. A table property holds 64 KiB of UTF-16 (32,768 characters) and a queue message
    /// 64 KiB after base64 (48 KiB of UTF-8), so 30,000 characters fit both with room for the envelope.
    /// </summary>
    public const int MaxInlineLength = 30_000;

    private const string BlobPrefix = "blob:";

    public CloudBlobContainer Container => container;

    /// <summary>The text itself when small, else a reference to a new blob holding it.</summary>
    public async Task<string?> StoreAsync(string? text, string instanceId, CancellationToken cancellationToken)
    {
        if (text is null || text.Length <= MaxInlineLength)
        {
            return text is not null && text.StartsWith(BlobPrefix, StringComparison.Ordinal) ? BlobPrefix + "=" + text : text;
        }

        var name = $"{TableKeys.Escape(instanceId)}/{Guid.NewGuid():N}";
        var blob = container.GetBlockBlobReference(name);
        await blob.UploadTextAsync(text, Encoding.UTF8, null, null, null, cancellationToken).ConfigureAwait(false);
        return BlobPrefix + name;
    }

    /// <summary>The text a value from <see cref="StoreAsync"/> stands for.</summary>
    public async Task<string?> LoadAsync(string? stored, CancellationToken cancellationToken)
    {
        if (stored is null || !stored.StartsWith(BlobPrefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var name = stored[BlobPrefix.Length..];
        if (name.StartsWith('='))
        {
            // Inline text that happened to start with the prefix, escaped by StoreAsync.
            return name[1..];
        }

        var blob = container.GetBlockBlobReference(name);
        return await blob.DownloadTextAsync(Encoding.UTF8, null, null, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes every payload blob of an instance.</summary>
    public async Task DeleteInstanceAsync(string instanceId, CancellationToken cancellationToken)
    {
        BlobContinuationToken? token = null;
        do
        {
            var segment = await container.ListBlobsSegmentedAsync(
                TableKeys.Escape(instanceId) + "/", true, BlobListingDetails.None, 500, token, null, null, cancellationToken).ConfigureAwait(false);
            token = segment.ContinuationToken;
            await Task.WhenAll(segment.Results.OfType<CloudBlockBlob>()
                .Select(b => b.DeleteIfExistsAsync(DeleteSnapshotsOption.None, null, null, null, cancellationToken))).ConfigureAwait(false);
        }
        while (token is not null);
    }
}
