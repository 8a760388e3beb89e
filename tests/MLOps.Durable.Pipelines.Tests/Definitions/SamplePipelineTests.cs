using MLOps.Durable.ML.Data;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

/// <summary>The pipelines shipped in workflows/ load without errors and say what their files say.</summary>
public sealed class SamplePipelineTests
{
    private static readonly PipelineCatalog Catalog = PipelineCatalog.Load(RepositoryPaths.Workflows);

    [Fact]
    public void Load_Workflows_AllSamplesLoadWithoutErrors()
    {
        Assert.Empty(Catalog.Errors);
        Assert.Equal(["breast-cancer", "diabetes", "iris"], Catalog.Pipelines.Select(p => p.Name));
    }

    [Fact]
    public void BreastCancer_SweepsFourCombinations_WithGatesCanaryAndRetraining()
    {
        var pipeline = Catalog.Find("BREAST-CANCER")!;

        Assert.Equal(TaskKind.BinaryClassification, pipeline.Data.Task);
        Assert.True(File.Exists(pipeline.Data.Source));
        Assert.Null(pipeline.Data.SchemaFile);
        Assert.Equal(TrainerKind.Gbdt, pipeline.Train.Trainer);
        var candidates = pipeline.Train.Candidates();
        Assert.Equal(4, candidates.Count);
        Assert.All(candidates, c => Assert.Equal("150", c["trees"]));
        Assert.Equal(["0.05/15", "0.05/31", "0.1/15", "0.1/31"], candidates.Select(c => $"{c["learningRate"]}/{c["maxLeaves"]}"));
        Assert.Equal("rocAuc", pipeline.Evaluate.PrimaryMetricFor(TaskKind.BinaryClassification));
        Assert.Equal(["rocAuc >= 0.97", "accuracy >= 0.92"], pipeline.Evaluate.Gates.Select(g => g.ToString()));
        Assert.Equal(TimeSpan.FromHours(72), pipeline.Approve.Timeout);
        Assert.Equal(TimeSpan.FromHours(24), pipeline.Approve.RemindEvery);
        Assert.Equal(DeployStrategy.Canary, pipeline.Deploy.Strategy);
        Assert.Equal(20, pipeline.Deploy.CanaryPercent);
        Assert.Equal(DriftAction.Retrain, pipeline.Monitor.OnDrift);
        Assert.Equal("0 0 3 * * 1", pipeline.Schedule);
        Assert.Equal(0.2, pipeline.Data.Validation.MissingFractionError);
    }

    [Fact]
    public void Diabetes_NoReviewers_NeedsNoApproval_AndUsesRegressionMetrics()
    {
        var pipeline = Catalog.Find("diabetes")!;

        Assert.False(pipeline.Approve.Required);
        Assert.Equal(["r2", "rmse", "mae"], pipeline.Evaluate.Metrics);
        Assert.Equal(["0", "1", "10"], pipeline.Train.Candidates().Select(c => c["alpha"]));
        Assert.Equal(0.15, pipeline.Monitor.Drift.DistanceThreshold);
        Assert.Equal(TimeSpan.FromDays(1), pipeline.Monitor.Every);
    }

    [Fact]
    public void Iris_TrainsTheModelItsDefinitionDescribes()
    {
        var pipeline = Catalog.Find("iris")!;
        var frame = CsvReader.ReadFile(pipeline.Data.Source);

        var model = TrainerCatalog.Train(pipeline.Train.Trainer, frame, pipeline.Data.Target, pipeline.Data.Task!.Value, pipeline.Train.Candidates()[0], pipeline.Train.Seed);

        Assert.Equal(["setosa", "versicolor", "virginica"], model.Classes);
        Assert.Equal(TimeoutAction.Approve, pipeline.Approve.OnTimeout);
    }
}
