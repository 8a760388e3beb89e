using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Training;
using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Tests.Training;

public sealed class GradientBoostingTrainerTests
{
    [Fact]
    public void Fit_Binary_LearnsTheBoundaryAndRanksInformativeColumnsFirst()
    {
        var train = SyntheticFrames.Binary(3_000, seed: 1);
        var test = SyntheticFrames.Binary(1_000, seed: 99);

        var model = GradientBoostingTrainer.Fit(train, "label", new GradientBoostingOptions { Trees = 100 });

        Assert.Equal(TaskKind.BinaryClassification, model.Task);
        Assert.True(SyntheticFrames.Accuracy(model, test) > 0.9);
        var importance = model.Summary.FeatureImportance;
        Assert.True(importance["x0"] > importance["x1"]);
        Assert.True(importance["x1"] > importance["useless"]);
        Assert.True(importance["color"] > importance["useless"]);
    }

    [Fact]
    public void Fit_MoreBinsThanTwoByteIndexesHold_LearnsFromTheLastColumn()
    {
        // 300 columns x 255 bins is past 65,536 histogram bins, so the grower indexes them with ints; the
        // label depends on the last column only, whose bins sit beyond the two-byte range.
        var random = new Random(3);
        const int rows = 600;
        var columns = new List<DataColumn>();
        double[] last = [];
        for (var j = 0; j < 300; j++)
        {
            last = [.. Enumerable.Range(0, rows).Select(_ => random.NextDouble())];
            columns.Add(new NumericColumn($"x{j}", last));
        }

        columns.Add(new CategoricalColumn("label", [.. last.Select(v => v > 0.5 ? "yes" : "no")]));
        var frame = new DataFrame(columns);

        var model = GradientBoostingTrainer.Fit(frame, "label", new GradientBoostingOptions { Trees = 10 });

        Assert.True(SyntheticFrames.Accuracy(model, frame) > 0.95);
        Assert.Equal("x299", model.Summary.FeatureImportance.MaxBy(p => p.Value).Key);
    }

    [Fact]
    public void Fit_ThreeClasses_GrowsOneTreePerClassPerRound()
    {
        var train = SyntheticFrames.ThreeClasses(1_500);

        var model = GradientBoostingTrainer.Fit(train, "class", new GradientBoostingOptions { Trees = 40 });

        Assert.Equal(TaskKind.MulticlassClassification, model.Task);
        Assert.Equal(120, model.Trees.Count);
        Assert.Equal([40, 40, 40], model.Trees.GroupBy(t => t.Class).OrderBy(g => g.Key).Select(g => g.Count()));
        Assert.True(SyntheticFrames.Accuracy(model, SyntheticFrames.ThreeClasses(500, seed: 7)) > 0.9);
    }

    [Fact]
    public void Fit_Regression_FollowsANonLinearCurve()
    {
        var model = GradientBoostingTrainer.Fit(SyntheticFrames.Curve(2_000), "target", new GradientBoostingOptions { Trees = 200 });
        var test = SyntheticFrames.Curve(500, seed: 11);

        var predictions = model.Predict(test);
        var actual = ((NumericColumn)test["target"]).Values.ToArray();
        var rmse = Math.Sqrt(Enumerable.Range(0, actual.Length).Average(r => Math.Pow(actual[r] - predictions.Value(r), 2)));

        Assert.True(rmse < 0.1, $"rmse {rmse}");
    }

    [Fact]
    public void Fit_SameSeed_GivesIdenticalModels_OtherSeedWithSampling_Differs()
    {
        var frame = SyntheticFrames.Binary(1_000);
        var options = new GradientBoostingOptions { Trees = 20, RowSubsample = 0.7, FeatureFraction = 0.6, Seed = 5 };

        var first = GradientBoostingTrainer.Fit(frame, "label", options).ToJson();
        var second = GradientBoostingTrainer.Fit(frame, "label", options).ToJson();
        var other = GradientBoostingTrainer.Fit(frame, "label", options with { Seed = 6 }).ToJson();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Fit_LeavesRespectLimits()
    {
        var frame = SyntheticFrames.Binary(2_000);
        var options = new GradientBoostingOptions { Trees = 10, MaxLeaves = 8, MinSamplesLeaf = 50, MaxDepth = 3 };

        var model = GradientBoostingTrainer.Fit(frame, "label", options);
        var features = model.Encoder.Encode(frame);

        foreach (var tree in model.Trees)
        {
            var leaves = Enumerable.Range(0, tree.NodeCount).Where(n => tree.Left[n] < 0).ToList();
            Assert.InRange(leaves.Count, 1, 8);
            Assert.True(Depth(tree, 0) <= 3);
            var rowsPerLeaf = Enumerable.Range(0, frame.RowCount).GroupBy(r => LeafOf(tree, features.Row(r).ToArray())).ToList();
            Assert.All(rowsPerLeaf, group => Assert.True(group.Count() >= 50, $"leaf {group.Key} holds {group.Count()} rows"));
        }
    }

    [Fact]
    public void Fit_EarlyStoppingOn_StopsBeforeTheTreeLimitOnNoise()
    {
        var random = new Random(3);
        var noise = new DataFrame(
        [
            new NumericColumn("x", [.. Enumerable.Range(0, 2_000).Select(_ => random.NextDouble())]),
            new CategoricalColumn("y", [.. Enumerable.Range(0, 2_000).Select(_ => random.Next(2) == 0 ? "a" : "b")]),
        ]);

        var model = GradientBoostingTrainer.Fit(noise, "y", new GradientBoostingOptions { Trees = 500, EarlyStopping = EarlyStopping.On });

        Assert.True(model.Summary.StoppedEarly);
        Assert.True(model.Trees.Count < 100, $"{model.Trees.Count} trees");
        Assert.NotNull(model.Summary.ValidationLoss);
    }

    [Fact]
    public void Predict_MissingValues_AreImputedWithTheTrainingMean()
    {
        var frame = SyntheticFrames.Curve(500);
        var model = GradientBoostingTrainer.Fit(frame, "target", new GradientBoostingOptions { Trees = 20 });
        var mean = ((NumericColumn)frame["x"]).Values.ToArray().Average();

        var predictions = model.Predict(new DataFrame([new NumericColumn("x", [double.NaN, mean])]));

        Assert.Equal(predictions.Value(1), predictions.Value(0));
    }

    [Fact]
    public void ToJson_RoundTrip_PredictsTheSame()
    {
        var frame = SyntheticFrames.Binary(800);
        var model = GradientBoostingTrainer.Fit(frame, "label", new GradientBoostingOptions { Trees = 15 });

        var restored = Assert.IsType<GradientBoostedTreesModel>(TrainedModel.FromJson(model.ToJson()));

        Assert.Equal(model.Predict(frame).Scores.ToArray(), restored.Predict(frame).Scores.ToArray());
    }

    [Theory]
    [InlineData(nameof(GradientBoostingOptions.LearningRate))]
    [InlineData(nameof(GradientBoostingOptions.MaxBins))]
    [InlineData(nameof(GradientBoostingOptions.RowSubsample))]
    public void Fit_BadOption_NamesTheOptionAndTheExpectedRange(string option)
    {
        var options = option switch
        {
            nameof(GradientBoostingOptions.LearningRate) => new GradientBoostingOptions { LearningRate = 0 },
            nameof(GradientBoostingOptions.MaxBins) => new GradientBoostingOptions { MaxBins = 300 },
            _ => new GradientBoostingOptions { RowSubsample = 1.5 },
        };

        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GradientBoostingTrainer.Fit(SyntheticFrames.Binary(50), "label", options));

        Assert.Equal(option, error.ParamName);
        Assert.Contains("must be", error.Message, StringComparison.Ordinal);
    }

    private static int Depth(DecisionTree tree, int node) =>
        tree.Left[node] < 0 ? 0 : 1 + Math.Max(Depth(tree, tree.Left[node]), Depth(tree, tree.Right[node]));

    private static int LeafOf(DecisionTree tree, double[] features)
    {
        var node = 0;
        while (tree.Left[node] >= 0)
        {
            node = (float)features[tree.Feature[node]] <= tree.Threshold[node] ? tree.Left[node] : tree.Right[node];
        }

        return node;
    }
}
