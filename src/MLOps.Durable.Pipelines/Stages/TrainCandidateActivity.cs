using System.Text;
using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Stages;

/// <summary>Trains one sweep combination on the seeded training split and measures it on the hold-out.</summary>
[DurableTask(PipelineActivities.TrainCandidate)]
public sealed class TrainCandidateActivity(PipelineCatalog catalog, IArtifactStore artifacts) : TaskActivity<CandidateInput, CandidateResult>
{
    public static string ModelArtifact(int index) => $"candidates/{index}/{ArtifactNames.ModelJson}";

    public override async Task<CandidateResult> RunAsync(TaskActivityContext context, CandidateInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var pipeline = RunData.Definition(catalog, input.Pipeline);
        var (frame, schema, _) = await RunData.LoadAsync(pipeline, artifacts, CancellationToken.None).ConfigureAwait(false);
        var target = pipeline.Data.Target;
        var task = schema.Task ?? DatasetSchema.InferTask(frame[target]);
        var stratify = pipeline.Train.Stratify && task != TaskKind.Regression ? target : null;
        var split = DataSplitter.TrainTest(frame, pipeline.Train.TestFraction, pipeline.Train.Seed, stratify);
        var model = TrainerCatalog.Train(pipeline.Train.Trainer, split.Train(frame), target, task, input.Hyperparameters, pipeline.Train.Seed);
        var metrics = ModelMetrics.Compute(model, split.Test(frame));
        await artifacts.PutAsync(input.RunId, ModelArtifact(input.Index), Encoding.UTF8.GetBytes(model.ToJson())).ConfigureAwait(false);
        return new CandidateResult(input.Index, input.Hyperparameters, metrics, ModelArtifact(input.Index), TrainerCatalog.Name(pipeline.Train.Trainer));
    }
}
