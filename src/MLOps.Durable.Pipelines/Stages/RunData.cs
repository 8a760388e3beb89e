using System.Security.Cryptography;
using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// Reads a pipeline's data with its schema: the definition's pinned schema file, or the one inferred on the
/// pipeline's first run and pinned in the artifact store (under <c>pipeline-{name}/schema.json</c>).
/// </summary>
internal static class RunData
{
    public const string SchemaArtifact = "schema.json";

    public static string PinnedFolder(string pipeline) => "pipeline-" + pipeline;

    public static PipelineDefinition Definition(PipelineCatalog catalog, string pipeline) =>
        catalog.Find(pipeline) ?? throw new PipelineNotFoundException(pipeline);

    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromMinutes(5) };

    public static async Task<(DataFrame Frame, DatasetSchema Schema, bool Pinned)> LoadAsync(
        PipelineDefinition pipeline, IArtifactStore artifacts, CancellationToken cancellationToken)
    {
        var (schema, pinnedNow) = await SchemaAsync(pipeline, artifacts, cancellationToken).ConfigureAwait(false);
        var bytes = await SourceBytesAsync(pipeline, cancellationToken).ConfigureAwait(false);
        using var stream = new MemoryStream(bytes, writable: false);
        var frame = WithTarget(CsvReader.Read(stream, schema is null ? null : CsvReadOptions.Default.WithSchema(schema), pipeline.Data.Source), pipeline);
        if (schema is null)
        {
            schema = DatasetSchema.Infer(frame, pipeline.Data.Target, pipeline.Data.Task);
            await artifacts.PutAsync(PinnedFolder(pipeline.Name), SchemaArtifact, System.Text.Encoding.UTF8.GetBytes(schema.ToJson()), cancellationToken).ConfigureAwait(false);
            pinnedNow = true;
        }

        return (frame, schema, pinnedNow);
    }

    /// <summary>The definition's task, or the one the target column implies.</summary>
    public static async Task<TaskKind> TaskOfAsync(PipelineDefinition pipeline, CancellationToken cancellationToken)
    {
        if (pipeline.Data.Task is { } task)
        {
            return task;
        }

        using var stream = new MemoryStream(await SourceBytesAsync(pipeline, cancellationToken).ConfigureAwait(false), writable: false);
        return DatasetSchema.InferTask(WithTarget(CsvReader.Read(stream, null, pipeline.Data.Source), pipeline)[pipeline.Data.Target]);
    }

    /// <summary>The frame, when its header has the definition's target column; else the data is unusable as it stands.</summary>
    private static DataFrame WithTarget(DataFrame frame, PipelineDefinition pipeline) =>
        frame.HasColumn(pipeline.Data.Target)
            ? frame
            : throw new DataFormatException(
                pipeline.Data.Source, 1, null, $"no column '{pipeline.Data.Target}' (the pipeline's target); the header has: {string.Join(", ", frame.ColumnNames)}");

    public static async Task<string> DatasetHashAsync(PipelineDefinition pipeline, CancellationToken cancellationToken) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(await SourceBytesAsync(pipeline, cancellationToken).ConfigureAwait(false)));

    /// <summary>The data file's bytes: read from disk, or downloaded from the http(s) URL (a blob URL, with its SAS if any).</summary>
    private static async Task<byte[]> SourceBytesAsync(PipelineDefinition pipeline, CancellationToken cancellationToken)
    {
        if (!pipeline.Data.IsRemote)
        {
            return await File.ReadAllBytesAsync(pipeline.Data.Source, cancellationToken).ConfigureAwait(false);
        }

        using var response = await Http.GetAsync(new Uri(pipeline.Data.Source), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new IOException(
                $"Pipeline '{pipeline.Name}': data.source {Redacted(pipeline.Data.Source)} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}; expected 200 with the CSV.");
        }

        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The URL without its query, so a SAS token never lands in an error or a log.</summary>
    private static string Redacted(string url) => url.Split('?')[0] + (url.Contains('?', StringComparison.Ordinal) ? "?…" : string.Empty);

    private static async Task<(DatasetSchema? Schema, bool PinnedNow)> SchemaAsync(PipelineDefinition pipeline, IArtifactStore artifacts, CancellationToken cancellationToken)
    {
        if (pipeline.Data.SchemaFile is { } file)
        {
            return (DatasetSchema.Load(file), false);
        }

        try
        {
            var json = await artifacts.ReadAllBytesAsync(PinnedFolder(pipeline.Name), SchemaArtifact, cancellationToken).ConfigureAwait(false);
            return (DatasetSchema.FromJson(System.Text.Encoding.UTF8.GetString(json), $"{PinnedFolder(pipeline.Name)}/{SchemaArtifact}"), false);
        }
        catch (ArtifactNotFoundException)
        {
            return (null, false);
        }
    }
}
