using System.Globalization;
using System.Text.Json;
using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Serving;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>
/// Judges a canary after its healthy period from what serving logged for its version: with a performance gate
/// in the definition and ground truth for the canary's predictions, the gate decides; without evidence of a
/// breach the canary is healthy.
/// </summary>
[DurableTask(PipelineActivities.CheckCanary)]
public sealed class CheckCanaryActivity(PipelineCatalog catalog, IPredictionLog predictions) : TaskActivity<CanaryInput, CanaryVerdict>
{
    public override async Task<CanaryVerdict> RunAsync(TaskActivityContext context, CanaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        var since = new DateTimeOffset(input.Since, TimeSpan.Zero);
        var served = (await PredictionLogReader.PredictionsAsync(predictions, pipeline.Name, since).ConfigureAwait(false))
            .Count(p => p.Prediction.Version == input.Version);
        var feedback = (await PredictionLogReader.FeedbackAsync(predictions, pipeline.Name, since).ConfigureAwait(false))
            .Where(f => f.Prediction.Version == input.Version)
            .ToList();
        if (pipeline.Monitor.Performance is not { } gate || feedback.Count == 0)
        {
            return new CanaryVerdict(true, served, feedback.Count, null, null, $"{served} predictions, {feedback.Count} with feedback; no breach to report");
        }

        double? value = gate.Metric switch
        {
            "accuracy" => feedback.Average(f => Label(f.Prediction.OutputsJson) == Actual(f.ActualJson) ? 1.0 : 0.0),
            "mae" => feedback.Average(f => Math.Abs(Value(f.Prediction.OutputsJson) - double.Parse(f.ActualJson, CultureInfo.InvariantCulture))),
            "rmse" => Math.Sqrt(feedback.Average(f => Math.Pow(Value(f.Prediction.OutputsJson) - double.Parse(f.ActualJson, CultureInfo.InvariantCulture), 2))),
            _ => null,
        };
        if (value is not { } measured)
        {
            return new CanaryVerdict(true, served, feedback.Count, gate.Metric, null, $"'{gate}' cannot be measured on single predictions; no breach to report");
        }

        var healthy = gate.IsMetBy(measured);
        var text = measured.ToString("0.####", CultureInfo.InvariantCulture);
        return new CanaryVerdict(healthy, served, feedback.Count, gate.Metric, measured,
            healthy ? $"{gate.Metric} {text} on {feedback.Count} feedback meets '{gate}'" : $"{gate.Metric} {text} on {feedback.Count} feedback fails '{gate}'");
    }

    private static string? Label(string outputs) => JsonDocument.Parse(outputs).RootElement.TryGetProperty("label", out var label) ? label.ToString() : null;

    private static double Value(string outputs) => JsonDocument.Parse(outputs).RootElement.GetProperty("value").GetDouble();

    private static string Actual(string actual) => JsonDocument.Parse(actual).RootElement.ToString();
}
