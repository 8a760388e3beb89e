using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Tests.Testing;

namespace MLOps.Durable.Pipelines.Tests.Artifacts;

/// <summary>The artifact conformance suite on folders, plus what only the file system has: the layout and atomic replacement.</summary>
public sealed class FileSystemArtifactStoreTests : ArtifactStoreConformanceSuite
{
    private readonly TemporaryFolder _folder = new("artifacts");

    private string Root => Path.Combine(_folder.Path, "store");

    protected override Task<IArtifactStore> CreateStoreAsync() => Task.FromResult<IArtifactStore>(new FileSystemArtifactStore(Root));

    public override Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task PutAsync_NameWithSubFolders_WritesUnderOneFolderPerRun()
    {
        await Store.PutAsync("run-1", "reports/evaluation.json", Utf8("{}"));

        Assert.True(File.Exists(Path.Combine(Root, "run-1", "reports", "evaluation.json")));
        Assert.Equal(["run-1"], Directory.GetDirectories(Root).Select(Path.GetFileName));
    }

    [Fact]
    public async Task PutAsync_StreamFailsHalfway_KeepsOldContentAndLeavesNoTemporaryFile()
    {
        await Store.PutAsync("run-1", ArtifactNames.ModelJson, Utf8("old"));

        await Assert.ThrowsAsync<IOException>(() => Store.PutAsync("run-1", ArtifactNames.ModelJson, new FailingStream(Utf8("partial new"))));

        Assert.Equal("old"u8.ToArray(), await Store.ReadAllBytesAsync("run-1", ArtifactNames.ModelJson));
        Assert.Equal([ArtifactNames.ModelJson], Directory.GetFiles(Path.Combine(Root, "run-1")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ListAsync_LeftoverTemporaryFileFromACrash_IsNotListed()
    {
        await Store.PutAsync("run-1", ArtifactNames.Metrics, Utf8("{}"));
        await File.WriteAllTextAsync(Path.Combine(Root, "run-1", ".put-0123456789abcdef"), "half");

        Assert.Equal([ArtifactNames.Metrics], (await Store.ListAsync("run-1")).Select(a => a.Name));
    }

    [Fact]
    public async Task OpenReadAsync_ReaderOpenWhilePutReplaces_ReaderKeepsTheOldBytes()
    {
        await Store.PutAsync("run-1", ArtifactNames.Onnx, Utf8("old model"));
        await using var reader = await Store.OpenReadAsync("run-1", ArtifactNames.Onnx);

        await Store.PutAsync("run-1", ArtifactNames.Onnx, Utf8("new model"));

        using var copy = new MemoryStream();
        await reader.CopyToAsync(copy);
        Assert.Equal("old model"u8.ToArray(), copy.ToArray());
        Assert.Equal("new model"u8.ToArray(), await Store.ReadAllBytesAsync("run-1", ArtifactNames.Onnx));
    }

    [Fact]
    public async Task PutAsync_FolderPartIsAnArtifact_ThrowsNamingTheName()
    {
        await Store.PutAsync("run-1", "reports", Utf8("a file"));

        var error = await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.PutAsync("run-1", "reports/metrics.json", Utf8("{}")));

        Assert.Equal("name", error.Field);
        Assert.Contains("'reports/metrics.json'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_NameIsAFolderOfArtifacts_ThrowsNamingTheName()
    {
        await Store.PutAsync("run-1", "reports/metrics.json", Utf8("{}"));

        var error = await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.PutAsync("run-1", "reports", Utf8("x")));

        Assert.Contains("is a folder of other artifacts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutAsync_HostileNames_WriteNoFileAnywhere()
    {
        await Store.PutAsync("run-1", ArtifactNames.Metrics, Utf8("{}"));

        foreach (var name in HostileNames.Select(row => (string)row[0]))
        {
            await Assert.ThrowsAsync<InvalidArtifactPathException>(() => Store.PutAsync("run-1", name, Utf8("x")));
        }

        var files = Directory.GetFileSystemEntries(_folder.Path, "*", SearchOption.AllDirectories).Where(File.Exists);
        Assert.Equal([Path.Combine(Root, "run-1", ArtifactNames.Metrics)], files);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    public void Constructor_EmptyRoot_ThrowsNamingIt(string root)
    {
        var error = Assert.Throws<ArgumentException>(() => new FileSystemArtifactStore(root));

        Assert.Equal("rootFolder", error.ParamName);
    }

    /// <summary>Gives some bytes, then fails as a broken upload would.</summary>
    private sealed class FailingStream(byte[] first) : MemoryStream(first)
    {
        private bool _gaveBytes;

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_gaveBytes)
            {
                throw new IOException("connection reset");
            }

            _gaveBytes = true;
            return base.ReadAsync(buffer, cancellationToken);
        }
    }
}
