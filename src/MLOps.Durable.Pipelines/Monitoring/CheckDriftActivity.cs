using System.Globalization;
using System.Text;
using System.Text.Json;
using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Drift;
using MLOps.Durable.ML.Training;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Serving;
using MLOps.Durable.Pipelines.Stages;

namespace MLOps.Durable.Pipelines.Monitoring;

/// <summary>
/// Tests the inputs logged by serving since the last check against the training data (the definition's
/// drift settings, Evidently-style defaults), measures the performance gate on the window's feedback, and
/// stores the report under <c>monitor-{pipeline}/drift/{check}.json</c>.
/// </summary>
[DurableTask(MonitorActivities.CheckDrift)]
public sealed class CheckDriftActivity(PipelineCatalog catalog, IArtifactStore artifacts, IModelRegistry registry, IPredictionLog predictions) : TaskActivity<DriftCheckInput, DriftCheckResult>
{
    /// <summary>Fewer predictions than this in a window are not tested (the statistics would mean little).</summary>
    public const int MinRows = 30;

    public static string Folder(string pipeline) => "monitor-" + pipeline;

    public override async Task<DriftCheckResult> RunAsync(TaskActivityContext context, DriftCheckInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        ModelVersion production;
        try
        {
            production = await registry.ResolveAsync(pipeline.Name, ModelAliases.Production).ConfigureAwait(false);
        }
        catch (ModelRegistryException ex) when (ex is ModelNotFoundException or ModelAliasNotFoundException)
        {
            return Skipped(null, 0, "no production version to monitor");
        }

        var since = new DateTimeOffset(input.Since, TimeSpan.Zero);
        var logged = await PredictionLogReader.PredictionsAsync(predictions, pipeline.Name, since).ConfigureAwait(false);
        if (logged.Count < MinRows)
        {
            return Skipped(production.Version, logged.Count, $"{logged.Count} predictions since {input.Since.ToString("u", CultureInfo.InvariantCulture)}; at least {MinRows} are needed");
        }

        var (reference, schema, _) = await RunData.LoadAsync(pipeline, artifacts, CancellationToken.None).ConfigureAwait(false);
        var model = await LoadModelAsync(production).ConfigureAwait(false);
        var columns = ServingColumn.Of(schema, model);
        var rows = logged.Select(p => JsonDocument.Parse(p.Prediction.InputsJson).RootElement).ToList();
        var current = PredictionInput.Read(columns, rows, 10).Frame;
        var features = columns.Select(c => c.Name).Where(reference.HasColumn).ToList();
        var options = pipeline.Monitor.Drift with
        {
            Columns = pipeline.Monitor.Drift.Columns ?? features,
            ColumnMethods = pipeline.Monitor.Method is { } method ? features.ToDictionary(f => f, _ => method) : null,
        };
        var report = DataDriftDetector.Detect(reference, current, options);
        var (metric, value, breached) = await PerformanceAsync(pipeline, since, model).ConfigureAwait(false);

        var name = $"drift/{input.Check.ToString("D6", CultureInfo.InvariantCulture)}.json";
        var stored = JsonSerializer.Serialize(new
        {
            pipeline = pipeline.Name,
            version = production.Version,
            check = input.Check,
            since = input.Since,
            rows = logged.Count,
            drift = JsonDocument.Parse(report.ToJson()).RootElement,
            performance = metric is null ? null : new { metric, value, gate = pipeline.Monitor.Performance?.ToString(), breached },
        }, JsonSerializerOptions.Web);
        await artifacts.PutAsync(Folder(pipeline.Name), name, Encoding.UTF8.GetBytes(stored)).ConfigureAwait(false);
        var drifted = report.Columns.Where(c => c.Drifted).Select(c => c.Name).ToList();
        var summary = report.DatasetDrift
            ? $"drift in {drifted.Count} of {report.ColumnCount} columns ({string.Join(", ", drifted)}) over {logged.Count} predictions"
            : $"no dataset drift ({drifted.Count} of {report.ColumnCount} columns) over {logged.Count} predictions";
        if (breached)
        {
            summary += $"; {metric} {value!.Value.ToString("0.####", CultureInfo.InvariantCulture)} fails '{pipeline.Monitor.Performance}'";
        }

        return new DriftCheckResult(true, production.Version, logged.Count, report.DatasetDrift, report.DriftShare, drifted, metric, value, breached, $"{Folder(pipeline.Name)}/{name}", summary);
    }

    private async Task<TrainedModel> LoadModelAsync(ModelVersion version)
    {
        var reference = version.Artifacts.ModelJson ?? throw new InvalidOperationException($"Version {version.Version} of '{version.Model}' has no model JSON artifact.");
        var slash = reference.IndexOf('/', StringComparison.Ordinal);
        var json = await artifacts.ReadAllBytesAsync(reference[..slash], reference[(slash + 1)..]).ConfigureAwait(false);
        return TrainedModel.FromJson(Encoding.UTF8.GetString(json));
    }

    /// <summary>The performance gate's metric on the window's feedback: accuracy for classification, rmse/mae/r2 for regression.</summary>
    private async Task<(string? Metric, double? Value, bool Breached)> PerformanceAsync(PipelineDefinition pipeline, DateTimeOffset since, TrainedModel model)
    {
        if (pipeline.Monitor.Performance is not { } gate)
        {
            return (null, null, false);
        }

        var feedback = await PredictionLogReader.FeedbackAsync(predictions, pipeline.Name, since).ConfigureAwait(false);
        if (feedback.Count == 0)
        {
            return (null, null, false);
        }

        double? value = null;
        if (model.Task == TaskKind.Regression)
        {
            var pairs = feedback.Select(f => (Actual: JsonDocument.Parse(f.ActualJson).RootElement.GetDouble(), Predicted: JsonDocument.Parse(f.Prediction.OutputsJson).RootElement.GetProperty("value").GetDouble())).ToList();
            var report = ML.Metrics.RegressionMetrics.Evaluate([.. pairs.Select(p => p.Actual)], [.. pairs.Select(p => p.Predicted)]);
            value = gate.Metric switch { "rmse" => report.Rmse, "mae" => report.Mae, "r2" => report.R2, _ => null };
        }
        else if (gate.Metric == "accuracy")
        {
            value = feedback.Average(f => JsonDocument.Parse(f.Prediction.OutputsJson).RootElement.GetProperty("label").ToString() == JsonDocument.Parse(f.ActualJson).RootElement.ToString() ? 1.0 : 0.0);
        }

        return value is { } measured ? (gate.Metric, measured, !gate.IsMetBy(measured)) : (null, null, false);
    }

    private static DriftCheckResult Skipped(int? version, int rows, string why) =>
        new(false, version, rows, false, 0, [], null, null, false, null, why);
}
