using System.Security.Cryptography;
using System.Text;
using Microsoft.WindowsAzure.Storage.Blob;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>What only the blob store has: the container and blob layout, block uploads, hashes kept as metadata, names URLs treat specially.</summary>
public sealed class BlobArtifactStoreTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const int SmallBlock = 1024;

    private readonly string _hub = AzuriteFixture.NewHubName();

    private CloudBlobContainer Container => azurite.Account.CreateCloudBlobClient().GetContainerReference(PipelineStoreNames.ArtifactContainer(_hub));

    [Fact]
    public async Task PutAsync_MixedCaseHub_WritesRunIdSlashNameInTheLowerCasedHubContainer()
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);
        var content = "{\"auc\":0.91}"u8.ToArray();

        await store.PutAsync("run-1", "reports/metrics.json", content);

        Assert.Equal(_hub.ToLowerInvariant() + "-artifacts", Container.Name);
        var blob = Container.GetBlockBlobReference("run-1/reports/metrics.json");
        await blob.FetchAttributesAsync();
        Assert.Equal(content.Length, blob.Properties.Length);
        Assert.Equal(Sha256(content), blob.Metadata[BlobArtifactStore.Sha256Metadata]);
    }

    [Theory]
    [InlineData(5 * SmallBlock + 17, 6)]
    [InlineData(4 * SmallBlock, 4)]
    [InlineData(SmallBlock, 1)]
    public async Task PutAsync_ContentOfSeveralBlocks_CommitsThemAsOneBlobWithItsHash(int size, int blocks)
    {
        var store = new BlobArtifactStore(Container, SmallBlock);
        var content = new byte[size];
        new Random(7).NextBytes(content);

        var info = await store.PutAsync("run-1", ArtifactNames.Onnx, new MemoryStream(content));

        Assert.Equal(new ArtifactInfo(ArtifactNames.Onnx, size, Sha256(content)), info);
        Assert.Equal(content, await store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx));
        Assert.Equal(info, Assert.Single(await store.ListAsync("run-1")));
        var committed = await Container.GetBlockBlobReference("run-1/" + ArtifactNames.Onnx).DownloadBlockListAsync();
        Assert.Equal(blocks, committed.Count());
    }

    [Fact]
    public async Task PutAsync_StreamFailsAfterSomeBlocks_KeepsTheOldContent()
    {
        var store = new BlobArtifactStore(Container, SmallBlock);
        await store.PutAsync("run-1", ArtifactNames.Onnx, "old model"u8.ToArray());

        await Assert.ThrowsAsync<IOException>(() => store.PutAsync("run-1", ArtifactNames.Onnx, new FailingStream(new byte[3 * SmallBlock])));

        Assert.Equal("old model"u8.ToArray(), await store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx));
        Assert.Equal(Sha256("old model"u8.ToArray()), Assert.Single(await store.ListAsync("run-1")).Sha256);
    }

    [Fact]
    public async Task PutAsync_CancelledBetweenBlocks_ThrowsOperationCanceledAndKeepsTheOldContent()
    {
        var store = new BlobArtifactStore(Container, SmallBlock);
        await store.PutAsync("run-1", ArtifactNames.Onnx, "old model"u8.ToArray());
        using var cancellation = new CancellationTokenSource();

        // The stream cancels while giving the first block, so the client library sees the cancellation first.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => store.PutAsync("run-1", ArtifactNames.Onnx, new CancellingStream(new byte[3 * SmallBlock], cancellation), cancellation.Token));

        Assert.Equal("old model"u8.ToArray(), await store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx));
    }

    [Theory]
    [InlineData("run-1", "100%.json")]
    [InlineData("run-1", "a#b.json")]
    [InlineData("run-1", "a+b=c&d;e,f@g$h'i.json")]
    [InlineData("run-1", "reports/é ü/%41.json")]
    [InlineData("run#1%2F", "x.json")]
    public async Task PutAsync_NamesWithCharactersUrlsTreatSpecially_RoundTripUnchanged(string runId, string name)
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);

        await store.PutAsync(runId, name, Encoding.UTF8.GetBytes(name));
        await store.PutAsync(runId + "x", "other.json", "{}"u8.ToArray());

        Assert.Equal(name, Encoding.UTF8.GetString(await store.ReadAllBytesAsync(runId, name)));
        Assert.Equal([name], (await store.ListAsync(runId)).Select(a => a.Name));
        Assert.True(await store.DeleteRunAsync(runId));
        Assert.Empty(await store.ListAsync(runId));
        Assert.Single(await store.ListAsync(runId + "x"));
    }

    [Fact]
    public async Task OpenReadAsync_PutReplacesALargeArtifactWhileItIsRead_ReaderFailsInsteadOfMixingVersions()
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);
        var size = BlobArtifactStore.DefaultBlockSize + SmallBlock;
        await store.PutAsync("run-1", ArtifactNames.Onnx, Enumerable.Repeat((byte)'a', size).ToArray());
        await using var reader = await store.OpenReadAsync("run-1", ArtifactNames.Onnx);
        var first = new byte[SmallBlock];
        await reader.ReadExactlyAsync(first);

        await store.PutAsync("run-1", ArtifactNames.Onnx, Enumerable.Repeat((byte)'b', size).ToArray());

        var error = await Assert.ThrowsAsync<IOException>(() => reader.CopyToAsync(Stream.Null));
        Assert.Equal("Artifact 'model.onnx' of run 'run-1' was replaced while it was being read: open it again to read the new content.", error.Message);
        Assert.Equal((byte)'b', (await store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx))[^1]);
    }

    [Fact]
    public async Task ListAsync_BlobWrittenWithoutHashMetadata_HashesItsContent()
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);
        await store.PutAsync("run-1", ArtifactNames.Metrics, "{}"u8.ToArray());
        var copied = "copied by hand"u8.ToArray();
        await Container.GetBlockBlobReference("run-1/" + ArtifactNames.Profile).UploadFromByteArrayAsync(copied, 0, copied.Length);

        var profile = (await store.ListAsync("run-1")).Single(a => a.Name == ArtifactNames.Profile);

        Assert.Equal((copied.Length, Sha256(copied)), (profile.Size, profile.Sha256));
    }

    [Fact]
    public async Task ListAsync_BlobWhoseNameNoArtifactMayHave_IsNotListed()
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);
        await store.PutAsync("run-1", ArtifactNames.Metrics, "{}"u8.ToArray());
        await Container.GetBlockBlobReference("run-1/.put-leftover").UploadTextAsync("half");

        Assert.Equal([ArtifactNames.Metrics], (await store.ListAsync("run-1")).Select(a => a.Name));
    }

    [Fact]
    public async Task ReadOperations_ContainerNotCreatedYet_FindNothingAndCreateNothing()
    {
        var store = AzurePipelineStores.CreateArtifactStore(azurite.Account, _hub);

        Assert.Empty(await store.ListAsync("run-1"));
        Assert.False(await store.DeleteRunAsync("run-1"));
        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => store.OpenReadAsync("run-1", ArtifactNames.Metrics));
        Assert.False(await Container.ExistsAsync());
    }

    private static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    /// <summary>Cancels <paramref name="cancellation"/> on its first read, and still returns the bytes.</summary>
    private sealed class CancellingStream(byte[] content, CancellationTokenSource cancellation) : MemoryStream(content)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            cancellation.Cancel();
            return base.ReadAsync(buffer, CancellationToken.None);
        }
    }

    /// <summary>Gives its bytes, then fails as a broken upload would.</summary>
    private sealed class FailingStream(byte[] first) : MemoryStream(first)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var read = await base.ReadAsync(buffer, cancellationToken);
            return read > 0 ? read : throw new IOException("connection reset");
        }
    }
}
