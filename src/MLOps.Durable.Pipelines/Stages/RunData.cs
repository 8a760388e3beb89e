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

    public static async Task<(DataFrame Frame, DatasetSchema Schema, bool Pinned)> LoadAsync(
        PipelineDefinition pipeline, IArtifactStore artifacts, CancellationToken cancellationToken)
    {
        if (pipeline.Data.IsRemote)
        {
            throw new NotSupportedException($"Pipeline '{pipeline.Name}': data.source '{pipeline.Data.Source}' is a URL; this host reads local CSV files only so far.");
        }

        var (schema, pinnedNow) = await SchemaAsync(pipeline, artifacts, cancellationToken).ConfigureAwait(false);
        var frame = schema is null
            ? CsvReader.ReadFile(pipeline.Data.Source)
            : CsvReader.ReadFile(pipeline.Data.Source, CsvReadOptions.Default.WithSchema(schema));
        if (schema is null)
        {
            schema = DatasetSchema.Infer(frame, pipeline.Data.Target, pipeline.Data.Task);
            await artifacts.PutAsync(PinnedFolder(pipeline.Name), SchemaArtifact, System.Text.Encoding.UTF8.GetBytes(schema.ToJson()), cancellationToken).ConfigureAwait(false);
            pinnedNow = true;
        }

        return (frame, schema, pinnedNow);
    }

    /// <summary>The definition's task, or the one the target column implies.</summary>
    public static TaskKind TaskOf(PipelineDefinition pipeline) =>
        pipeline.Data.Task ?? (pipeline.Data.IsRemote
            ? throw new NotSupportedException($"Pipeline '{pipeline.Name}': set data.task, or use a local data.source, so the task can be known.")
            : DatasetSchema.InferTask(CsvReader.ReadFile(pipeline.Data.Source)[pipeline.Data.Target]));

    public static string DatasetHash(PipelineDefinition pipeline) =>
        "sha256:" + Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(pipeline.Data.Source)));

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
