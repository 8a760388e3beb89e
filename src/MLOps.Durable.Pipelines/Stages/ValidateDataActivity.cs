using System.Text;
using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Artifacts;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Reads the data with its (pinned) schema, profiles it and validates it; both reports go under the run.</summary>
[DurableTask(PipelineActivities.ValidateData)]
public sealed class ValidateDataActivity(Definitions.PipelineCatalog catalog, IArtifactStore artifacts) : TaskActivity<StageInput, DataCheck>
{
    public override async Task<DataCheck> RunAsync(TaskActivityContext context, StageInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        var (frame, schema, pinned) = await RunData.LoadAsync(pipeline, artifacts, CancellationToken.None).ConfigureAwait(false);
        var report = DatasetValidator.Validate(frame, schema, pipeline.Data.Validation);
        await artifacts.PutAsync(input.RunId, ArtifactNames.Profile, Encoding.UTF8.GetBytes(DataProfile.Create(frame).ToJson())).ConfigureAwait(false);
        await artifacts.PutAsync(input.RunId, ArtifactNames.ValidationReport, Encoding.UTF8.GetBytes(report.ToJson())).ConfigureAwait(false);
        var summary = report.IsValid
            ? $"{frame.RowCount} rows valid ({report.WarningCount} warnings){(pinned ? "; schema inferred and pinned" : string.Empty)}"
            : $"{report.ErrorCount} errors: " + string.Join("; ", report.Findings.Where(f => f.Severity == FindingSeverity.Error).Take(3).Select(f => f.Message));
        var task = schema.Task ?? DatasetSchema.InferTask(frame[pipeline.Data.Target]);
        return new DataCheck(
            report.IsValid, frame.RowCount, report.ErrorCount, report.WarningCount, summary,
            await RunData.DatasetHashAsync(pipeline, CancellationToken.None).ConfigureAwait(false), schema.Version, schema.ContentHash, task.ToString(),
            [ArtifactNames.Profile, ArtifactNames.ValidationReport]);
    }
}
