using System.Security.Cryptography;
using System.Text;
using MLOps.Durable.Pipelines.Artifacts;

namespace MLOps.Durable.Pipelines.Tests.Artifacts;

/// <summary>
/// The artifact store contract every backend must pass unchanged (the file system now, a blob container
/// later). A backend's test class derives from this and says how to create an empty store.
/// </summary>
public abstract partial class ArtifactStoreConformanceSuite : IAsyncLifetime
{
    protected IArtifactStore Store { get; private set; } = null!;

    /// <summary>A fresh, empty store.</summary>
    protected abstract Task<IArtifactStore> CreateStoreAsync();

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    protected static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    protected static string Sha256(byte[] content) => Convert.ToHexStringLower(SHA256.HashData(content));

    [Fact]
    public async Task PutAsync_ThenOpenRead_ReturnsTheSameBytes()
    {
        var content = Utf8("{\"auc\":0.91}");

        var info = await Store.PutAsync("run-1", ArtifactNames.Metrics, content);

        Assert.Equal(new ArtifactInfo(ArtifactNames.Metrics, content.Length, Sha256(content)), info);
        Assert.Equal(content, await Store.ReadAllBytesAsync("run-1", ArtifactNames.Metrics));
    }

    [Fact]
    public async Task PutAsync_StreamLargerThanTheBuffer_StoresEveryByte()
    {
        var content = new byte[300_000];
        new Random(42).NextBytes(content);

        await using (var stream = new MemoryStream(content))
        {
            await Store.PutAsync("run-1", ArtifactNames.Onnx, stream);
        }

        Assert.Equal(content, await Store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx));
        Assert.Equal(Sha256(content), Assert.Single(await Store.ListAsync("run-1")).Sha256);
    }

    [Fact]
    public async Task PutAsync_Empty_StoresAnEmptyArtifact()
    {
        var info = await Store.PutAsync("run-1", "empty.txt", Array.Empty<byte>());

        Assert.Equal((0L, Sha256([])), (info.Size, info.Sha256));
        Assert.Empty(await Store.ReadAllBytesAsync("run-1", "empty.txt"));
    }

    [Fact]
    public async Task PutAsync_SameNameAgain_ReplacesTheContent()
    {
        await Store.PutAsync("run-1", ArtifactNames.ModelJson, Utf8("old"));

        await Store.PutAsync("run-1", ArtifactNames.ModelJson, Utf8("new, longer"));

        Assert.Equal("new, longer", Encoding.UTF8.GetString(await Store.ReadAllBytesAsync("run-1", ArtifactNames.ModelJson)));
        Assert.Single(await Store.ListAsync("run-1"));
    }

    [Fact]
    public async Task ListAsync_SeveralArtifactsAndSubFolders_OrderedByNameWithSizeAndHash()
    {
        var profile = Utf8("{\"rows\":100}");
        var report = Utf8("{\"passed\":true}");
        var nested = Utf8("roc");
        await Store.PutAsync("run-1", ArtifactNames.ValidationReport, report);
        await Store.PutAsync("run-1", "plots/roc/curve.csv", nested);
        await Store.PutAsync("run-1", ArtifactNames.Profile, profile);
        await Store.PutAsync("run-2", ArtifactNames.Profile, Utf8("other run"));

        var artifacts = await Store.ListAsync("run-1");

        Assert.Equal(
            [
                new ArtifactInfo("plots/roc/curve.csv", nested.Length, Sha256(nested)),
                new ArtifactInfo(ArtifactNames.Profile, profile.Length, Sha256(profile)),
                new ArtifactInfo(ArtifactNames.ValidationReport, report.Length, Sha256(report)),
            ],
            artifacts);
    }

    [Fact]
    public async Task ListAsync_RunThatStoredNothing_ReturnsNone()
    {
        Assert.Empty(await Store.ListAsync("never-ran"));
    }

    [Fact]
    public async Task OpenReadAsync_MissingArtifact_ThrowsNotFoundNamingRunAndName()
    {
        await Store.PutAsync("run-1", ArtifactNames.Metrics, Utf8("{}"));

        var error = await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.OpenReadAsync("run-1", ArtifactNames.Onnx));

        Assert.Equal(("run-1", ArtifactNames.Onnx), (error.RunId, error.Name));
        Assert.Equal("Run 'run-1' has no artifact 'model.onnx': list the run's artifacts to see what it stored.", error.Message);
    }

    [Theory]
    [InlineData("never-ran", "model.json")]
    [InlineData("run-1", "plots")]
    [InlineData("run-1", "plots/missing.csv")]
    [InlineData("run-1", "metrics.json/x")]
    public async Task OpenReadAsync_MissingRunFolderOrFile_ThrowsNotFound(string runId, string name)
    {
        await Store.PutAsync("run-1", "plots/roc.csv", Utf8("x"));
        await Store.PutAsync("run-1", ArtifactNames.Metrics, Utf8("{}"));

        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.OpenReadAsync(runId, name));
    }

    [Fact]
    public async Task DeleteRunAsync_RunWithArtifacts_DeletesThemAndKeepsOtherRuns()
    {
        await Store.PutAsync("run-1", ArtifactNames.Metrics, Utf8("{}"));
        await Store.PutAsync("run-1", "plots/roc.csv", Utf8("x"));
        await Store.PutAsync("run-2", ArtifactNames.Metrics, Utf8("{}"));

        Assert.True(await Store.DeleteRunAsync("run-1"));

        Assert.Empty(await Store.ListAsync("run-1"));
        await Assert.ThrowsAsync<ArtifactNotFoundException>(() => Store.OpenReadAsync("run-1", ArtifactNames.Metrics));
        Assert.Single(await Store.ListAsync("run-2"));
        Assert.False(await Store.DeleteRunAsync("run-1"));
    }

    [Fact]
    public async Task PutAsync_CancelledWhileWriting_StoresNothingAndKeepsTheOldContent()
    {
        await Store.PutAsync("run-1", ArtifactNames.ModelJson, Utf8("old"));
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.PutAsync("run-1", ArtifactNames.ModelJson, new MemoryStream(Utf8("new")), cancellation.Token));

        Assert.Equal("old", Encoding.UTF8.GetString(await Store.ReadAllBytesAsync("run-1", ArtifactNames.ModelJson)));
        Assert.Single(await Store.ListAsync("run-1"));
    }
}
