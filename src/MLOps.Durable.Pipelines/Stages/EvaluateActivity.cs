using System.Globalization;
using System.Text.Json;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Checks the best candidate against the gates and the production version; writes the evaluation report.</summary>
[DurableTask(PipelineActivities.Evaluate)]
public sealed class EvaluateActivity(PipelineCatalog catalog, IArtifactStore artifacts, IModelRegistry registry) : TaskActivity<EvaluateInput, EvaluationResult>
{
    public override async Task<EvaluationResult> RunAsync(TaskActivityContext context, EvaluateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        var metrics = input.Candidate.Metrics;
        var failures = new List<string>();
        var gates = new List<object>();
        foreach (var gate in pipeline.Evaluate.Gates)
        {
            var met = metrics.TryGetValue(gate.Metric, out var value) && gate.IsMetBy(value);
            gates.Add(new { gate = gate.ToString(), value = metrics.TryGetValue(gate.Metric, out var v) ? v : (double?)null, met });
            if (!met)
            {
                failures.Add(metrics.ContainsKey(gate.Metric) ? $"{gate.Metric} {Show(value)} fails '{gate}'" : $"{gate.Metric} was not measured for this task ('{gate}')");
            }
        }

        var primary = input.PrimaryMetric;
        int? productionVersion = null;
        double? productionMetric = null;
        try
        {
            var production = await registry.ResolveAsync(pipeline.Name, ModelAliases.Production).ConfigureAwait(false);
            productionVersion = production.Version;
            productionMetric = production.Metrics.TryGetValue(primary, out var p) ? p : null;
        }
        catch (ModelRegistryException ex) when (ex is ModelNotFoundException or ModelAliasNotFoundException)
        {
            // Nothing in production yet: nothing to beat.
        }

        if (pipeline.Evaluate.BeatProductionBy is { } margin && productionMetric is { } baseline && metrics.TryGetValue(primary, out var candidate))
        {
            var higher = MetricNames.HigherIsBetter(primary);
            var beats = higher ? candidate >= baseline + margin : candidate <= baseline - margin;
            if (!beats)
            {
                failures.Add($"{primary} {Show(candidate)} does not beat production v{productionVersion} ({Show(baseline)}) by {Show(margin)}");
            }
        }

        var report = JsonSerializer.Serialize(new
        {
            pipeline = pipeline.Name,
            candidate = input.Candidate,
            gates,
            production = productionVersion is null ? null : new { version = productionVersion, metric = primary, value = productionMetric },
            passed = failures.Count == 0,
            failures,
        }, JsonSerializerOptions.Web);
        await artifacts.PutAsync(input.RunId, ArtifactNames.EvaluationReport, System.Text.Encoding.UTF8.GetBytes(report)).ConfigureAwait(false);
        await artifacts.PutAsync(input.RunId, ArtifactNames.Metrics, System.Text.Encoding.UTF8.GetBytes(JsonSerializer.Serialize(metrics, JsonSerializerOptions.Web))).ConfigureAwait(false);
        return new EvaluationResult(failures.Count == 0, failures, productionVersion, productionMetric, ArtifactNames.EvaluationReport);
    }

    private static string Show(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
