using System.Security.Cryptography;

namespace MLOps.Durable.Pipelines.Artifacts;

/// <summary>
/// Artifacts as files: <c>{root}/{runId}/{name}</c>, one folder per run. A put writes a temporary file in the
/// run's folder, flushes it to disk and renames it over the target, so a reader or a crash never sees a partial
/// artifact; temporary files start with '.', which no artifact name may, so listing skips them. Hashes are
/// computed when listing, from the bytes on disk, so they cannot go stale.
/// </summary>
public sealed class FileSystemArtifactStore : IArtifactStore
{
    private const int BufferSize = 81920;
    private const string TemporaryPrefix = ".put-";

    private readonly string _root;

    /// <summary>Creates a store under <paramref name="rootFolder"/> (created on the first put).</summary>
    /// <exception cref="ArgumentException"><paramref name="rootFolder"/> is empty.</exception>
    public FileSystemArtifactStore(string rootFolder)
    {
        ArgumentNullException.ThrowIfNull(rootFolder);
        if (string.IsNullOrWhiteSpace(rootFolder))
        {
            throw new ArgumentException("rootFolder is required: set it to the folder that holds one sub-folder per run (e.g. 'data/artifacts').", nameof(rootFolder));
        }

        _root = Path.GetFullPath(rootFolder);
    }

    /// <summary>The full path of the folder that holds the run folders.</summary>
    public string RootFolder => _root;

    /// <inheritdoc />
    public async Task<ArtifactInfo> PutAsync(string runId, string name, Stream content, CancellationToken cancellationToken = default)
    {
        var target = ArtifactPath(runId, name);
        ArgumentNullException.ThrowIfNull(content);
        var runFolder = RunFolder(runId);
        var folder = Path.GetDirectoryName(target)!;
        EnsureFolder(runId, name, folder);
        if (Directory.Exists(target))
        {
            throw new InvalidArtifactPathException("name", $"name: '{name}' is a folder of other artifacts of run '{runId}': expected a file name, e.g. '{name}/data.json'.");
        }

        // The temporary file sits in the run's folder, on the same volume as the target, so the move is a rename.
        var temporary = Path.Combine(runFolder, TemporaryPrefix + Guid.NewGuid().ToString("N"));
        try
        {
            long size = 0;
            byte[] hash;
            await using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize, FileOptions.Asynchronous))
            using (var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
            {
                var buffer = new byte[BufferSize];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    sha256.AppendData(buffer, 0, read);
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
                hash = sha256.GetHashAndReset();
            }

            File.Move(temporary, target, overwrite: true);
            return new ArtifactInfo(name, size, Convert.ToHexStringLower(hash));
        }
        catch
        {
            DeleteQuietly(temporary);
            throw;
        }
    }

    /// <inheritdoc />
    public Task<Stream> OpenReadAsync(string runId, string name, CancellationToken cancellationToken = default)
    {
        var path = ArtifactPath(runId, name);
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            // FileShare.Delete lets a put replace the artifact while an older copy is being read.
            Stream stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
            return Task.FromResult(stream);
        }
        catch (Exception error) when (error is FileNotFoundException or DirectoryNotFoundException or UnauthorizedAccessException && !File.Exists(path))
        {
            throw new ArtifactNotFoundException(runId, name, error);
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ArtifactInfo>> ListAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runFolder = RunFolder(runId);
        if (!Directory.Exists(runFolder))
        {
            return [];
        }

        var artifacts = new List<ArtifactInfo>();
        foreach (var path in Directory.EnumerateFiles(runFolder, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(runFolder, path).Replace(Path.DirectorySeparatorChar, '/');
            if (name.Split('/').Any(segment => segment.StartsWith('.')))
            {
                continue;
            }

            try
            {
                await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, BufferSize, FileOptions.Asynchronous);
                var hash = await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false);
                artifacts.Add(new ArtifactInfo(name, stream.Length, Convert.ToHexStringLower(hash)));
            }
            catch (FileNotFoundException)
            {
                // Deleted with its run while listing: it is no longer an artifact.
            }
        }

        artifacts.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return artifacts;
    }

    /// <inheritdoc />
    public Task<bool> DeleteRunAsync(string runId, CancellationToken cancellationToken = default)
    {
        var runFolder = RunFolder(runId);
        cancellationToken.ThrowIfCancellationRequested();
        if (!Directory.Exists(runFolder))
        {
            return Task.FromResult(false);
        }

        Directory.Delete(runFolder, recursive: true);
        return Task.FromResult(true);
    }

    private string RunFolder(string runId)
    {
        ArtifactPaths.ValidateRunId(runId);
        return Inside(_root, Path.Combine(_root, runId), "runId", runId);
    }

    private string ArtifactPath(string runId, string name)
    {
        var runFolder = RunFolder(runId);
        var segments = ArtifactPaths.ValidateName(name);
        return Inside(runFolder, Path.Combine([runFolder, .. segments]), "name", name);
    }

    /// <summary>Creates the artifact's folder, refusing a name whose folder part is already an artifact file.</summary>
    private static void EnsureFolder(string runId, string name, string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
        }
        catch (IOException error) when (!Directory.Exists(folder))
        {
            throw new InvalidArtifactPathException(
                "name", $"name: '{name}' puts a file under another artifact of run '{runId}' ({error.Message}): expected a name whose folders are not artifacts.");
        }
    }

    private static void DeleteQuietly(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // The run was deleted meanwhile; the original error is the one to report.
        }
    }

    /// <summary>The validation already keeps paths inside; this checks the composed path once more, as a second line.</summary>
    private static string Inside(string parent, string path, string field, string value)
    {
        var full = Path.GetFullPath(path);
        if (!full.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new InvalidArtifactPathException(field, $"{field}: '{value}' resolves outside its folder: expected a relative name.");
        }

        return full;
    }
}
