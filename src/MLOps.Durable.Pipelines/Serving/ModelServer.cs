using System.Text;
using System.Text.Json;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Onnx;
using MLOps.Durable.ML.Training;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// Scores rows with a model's production version, or its canary for the canary's share of routing keys
/// (<see cref="CanaryRouter"/>), on ONNX Runtime. Rows are checked against the pipeline's pinned schema first;
/// every answered row is appended to the <see cref="IPredictionLog"/>. Loaded versions are cached. See README.md.
/// </summary>
public sealed class ModelServer : IDisposable
{
    private readonly IModelRegistry _registry;
    private readonly IArtifactStore _artifacts;
    private readonly IPredictionLog _log;
    private readonly PipelineCatalog? _catalog;
    private readonly ModelServingOptions _options;
    private readonly TimeProvider _time;
    private readonly ServedModelCache _cache;

    /// <summary>Creates a server over the registry, the artifacts the deploy stage stored and a prediction log.</summary>
    /// <param name="registry">Resolves production and canary.</param>
    /// <param name="artifacts">Holds each version's model JSON and ONNX file.</param>
    /// <param name="log">Receives every answered row.</param>
    /// <param name="options">Limits and the clock; defaults when null.</param>
    /// <param name="catalog">The pipelines, for a definition's own schema file; the pinned schema artifact is used otherwise.</param>
    public ModelServer(IModelRegistry registry, IArtifactStore artifacts, IPredictionLog log, ModelServingOptions? options = null, PipelineCatalog? catalog = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(artifacts);
        ArgumentNullException.ThrowIfNull(log);
        _options = options ?? new ModelServingOptions();
        _options.Validate();
        _registry = registry;
        _artifacts = artifacts;
        _log = log;
        _catalog = catalog;
        _time = _options.TimeProvider ?? TimeProvider.System;
        _cache = new ServedModelCache(_options.CacheCapacity, LoadAsync);
    }

    /// <summary>The most rows one request may carry.</summary>
    public int MaxRowsPerRequest => _options.MaxRowsPerRequest;

    /// <summary>Scores the rows with one version and logs them.</summary>
    /// <exception cref="InvalidPredictionInputException">No rows, or a row does not match the schema; every bad field is named.</exception>
    /// <exception cref="PredictionBatchTooLargeException">More rows than <see cref="ModelServingOptions.MaxRowsPerRequest"/>.</exception>
    /// <exception cref="ModelNotFoundException">The registry has no such model.</exception>
    /// <exception cref="ModelNotServingException">The model has no production version, or its artifacts cannot be read.</exception>
    public async Task<PredictionResponse> PredictAsync(PredictionRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Rows.Count == 0)
        {
            throw new InvalidPredictionInputException(["rows: expected at least one row, got none"], 1);
        }

        if (request.Rows.Count > _options.MaxRowsPerRequest)
        {
            throw new PredictionBatchTooLargeException(request.Rows.Count, _options.MaxRowsPerRequest);
        }

        var aliases = await _registry.GetAliasesAsync(request.Model, cancellationToken).ConfigureAwait(false);
        var production = aliases.FirstOrDefault(a => a.Alias == ModelAliases.Production)
            ?? throw new ModelNotServingException(request.Model,
                $"Model '{request.Model}' has no production version to serve: deploy one (run its pipeline) or promote a version first.");
        var canary = aliases.FirstOrDefault(a => a.Alias == ModelAliases.Canary);
        var key = string.IsNullOrEmpty(request.Key) ? Guid.NewGuid().ToString("N") : request.Key;
        var chosen = canary is { TrafficPercent: { } percent } && CanaryRouter.RoutesToCanary(key, percent) ? canary : production;

        using var lease = await _cache.AcquireAsync(request.Model, chosen.Version, cancellationToken).ConfigureAwait(false);
        var input = PredictionInput.Read(lease.Model.Columns, request.Rows, _options.MaxReportedErrors);
        var scores = lease.Model.Predictor.Predict(input.Frame);
        var now = _time.GetUtcNow();
        var answers = new RowPrediction[scores.RowCount];
        var records = new PredictionRecord[scores.RowCount];
        for (var row = 0; row < scores.RowCount; row++)
        {
            var answer = Answer(scores, row, Guid.CreateVersion7(now));
            answers[row] = answer;
            records[row] = new PredictionRecord(answer.PredictionId, request.Model, chosen.Version, chosen.Alias, now, input.InputsJson[row], OutputsJson(answer));
        }

        await _log.AppendAsync(records, cancellationToken).ConfigureAwait(false);
        return new PredictionResponse(request.Model, chosen.Version, chosen.Alias, key, answers);
    }

    /// <summary>Disposes every loaded version once its predictions in flight are done.</summary>
    public void Dispose() => _cache.Dispose();

    private static RowPrediction Answer(Predictions scores, int row, Guid id)
    {
        if (scores.Task == TaskKind.Regression)
        {
            return new RowPrediction(id, null, null, scores.Value(row));
        }

        var probabilities = scores.Probabilities(row);
        var byClass = new Dictionary<string, double>(scores.Classes.Count, StringComparer.Ordinal);
        for (var c = 0; c < scores.Classes.Count; c++)
        {
            byClass[scores.Classes[c]] = probabilities[c];
        }

        return new RowPrediction(id, scores.PredictedLabel(row), byClass, null);
    }

    private static string OutputsJson(RowPrediction answer) => answer.Value is { } value
        ? JsonSerializer.Serialize(new { value })
        : JsonSerializer.Serialize(new { label = answer.Label, probabilities = answer.Probabilities });

    private async Task<ServedModel> LoadAsync(string model, int version)
    {
        // Not the request's token: the load is shared by every request waiting for this version.
        var registered = await _registry.GetVersionAsync(model, version).ConfigureAwait(false);
        var json = await ReadArtifactAsync(registered, registered.Artifacts.ModelJson, "model JSON").ConfigureAwait(false);
        var onnx = await ReadArtifactAsync(registered, registered.Artifacts.Onnx, "ONNX").ConfigureAwait(false);
        var trained = TrainedModel.FromJson(Encoding.UTF8.GetString(json));
        var columns = ServingColumn.Of(await SchemaAsync(registered.Lineage.PipelineName ?? model).ConfigureAwait(false), trained);
        var session = OnnxSession.FromBytes(onnx);
        try
        {
            return new ServedModel(new OnnxPredictor(session, trained), columns);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Reads an artifact reference of the form <c>{run id}/{name}</c>, as the deploy stage registers them.</summary>
    private async Task<byte[]> ReadArtifactAsync(ModelVersion version, string? reference, string what)
    {
        var slash = reference?.IndexOf('/', StringComparison.Ordinal) ?? -1;
        if (reference is null || slash <= 0)
        {
            throw new ModelNotServingException(version.Model,
                $"Model '{version.Model}' version {version.Version} has no {what} artifact reference (got '{reference}'; expected '{{run id}}/{{name}}'): redeploy it.");
        }

        try
        {
            return await _artifacts.ReadAllBytesAsync(reference[..slash], reference[(slash + 1)..]).ConfigureAwait(false);
        }
        catch (ArtifactNotFoundException ex)
        {
            throw new ModelNotServingException(version.Model,
                $"Model '{version.Model}' version {version.Version}: its {what} artifact '{reference}' is missing from the artifact store ({ex.Message}).");
        }
    }

    /// <summary>The pipeline's schema: the definition's schema file, else the one pinned on its first run, else none.</summary>
    private async Task<DatasetSchema?> SchemaAsync(string pipeline)
    {
        if (_catalog?.Find(pipeline)?.Data.SchemaFile is { } file)
        {
            return DatasetSchema.Load(file);
        }

        try
        {
            var json = await _artifacts.ReadAllBytesAsync(RunData.PinnedFolder(pipeline), RunData.SchemaArtifact).ConfigureAwait(false);
            return DatasetSchema.FromJson(Encoding.UTF8.GetString(json), $"{RunData.PinnedFolder(pipeline)}/{RunData.SchemaArtifact}");
        }
        catch (ArtifactNotFoundException)
        {
            return null;
        }
        catch (InvalidArtifactPathException)
        {
            return null;
        }
    }
}
