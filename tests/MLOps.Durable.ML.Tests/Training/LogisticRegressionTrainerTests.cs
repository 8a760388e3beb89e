using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Tests.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Tests.Training;

public sealed class LogisticRegressionTrainerTests
{
    [Theory]
    [InlineData("breast_cancer.csv")]
    [InlineData("iris.csv")]
    public void Fit_SharedDataset_MatchesScikitLearnCoefficients(string dataset)
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf(dataset));
        var expected = LinearReference.For(dataset);
        var target = expected.GetProperty("target").GetString()!;

        var model = LogisticRegressionTrainer.Fit(frame, target, new LogisticRegressionOptions { Tolerance = 1e-10 });

        Assert.True(model.Summary.Converged, $"not converged after {model.Summary.Iterations} iterations");
        Assert.Equal(LinearReference.Strings(expected.GetProperty("classes")), model.Classes);
        var coefficients = LinearReference.Matrix(expected.GetProperty("coefficients"));
        var intercepts = LinearReference.Doubles(expected.GetProperty("intercepts"));
        Assert.Equal(coefficients.Length, model.Weights.Count);
        for (var k = 0; k < coefficients.Length; k++)
        {
            Assert.Equal(intercepts[k], model.Intercepts[k], 1e-4);
            for (var j = 0; j < coefficients[k].Length; j++)
            {
                Assert.Equal(coefficients[k][j], model.Weights[k][j], 1e-4);
            }
        }

        var probabilities = LinearReference.Matrix(expected.GetProperty("firstProbabilities"));
        var predictions = model.Predict(frame.SelectRows([0, 1, 2, 3, 4]));
        for (var row = 0; row < probabilities.Length; row++)
        {
            for (var k = 0; k < probabilities[row].Length; k++)
            {
                Assert.Equal(probabilities[row][k], predictions.Probabilities(row)[k], 1e-6);
            }
        }
    }

    [Fact]
    public void Fit_BinaryWithCategoricalColumn_UsesTheCategoryAndSeparatesClasses()
    {
        var frame = SyntheticFrames.Binary(2_000);

        var model = LogisticRegressionTrainer.Fit(frame, "label");

        Assert.Equal(TaskKind.BinaryClassification, model.Task);
        Assert.Equal(["no", "yes"], model.Classes);
        Assert.True(SyntheticFrames.Accuracy(model, frame) > 0.93);
        Assert.True(model.Summary.FeatureImportance["color"] > model.Summary.FeatureImportance["useless"]);
        Assert.Equal(1, model.Summary.FeatureImportance.Values.Sum(), 1e-9);
    }

    [Fact]
    public void Predict_ProbabilitiesSumToOne_AndUnseenCategoryIsAccepted()
    {
        var model = LogisticRegressionTrainer.Fit(SyntheticFrames.ThreeClasses(600), "class");
        var rows = new DataFrame([new NumericColumn("x", [0.5, -0.5, double.NaN]), new NumericColumn("y", [0.1, -0.9, 0.3])]);

        var predictions = model.Predict(rows);

        Assert.Equal(TaskKind.MulticlassClassification, model.Task);
        for (var row = 0; row < 3; row++)
        {
            Assert.Equal(1, predictions.Probabilities(row).ToArray().Sum(), 1e-12);
        }
    }

    [Fact]
    public void Fit_StrongerRegularization_ShrinksWeights()
    {
        var frame = SyntheticFrames.Binary(500);

        var loose = LogisticRegressionTrainer.Fit(frame, "label", new LogisticRegressionOptions { C = 10 });
        var tight = LogisticRegressionTrainer.Fit(frame, "label", new LogisticRegressionOptions { C = 0.01 });

        Assert.True(tight.Weights[0].Sum(Math.Abs) < loose.Weights[0].Sum(Math.Abs) / 5);
    }

    [Fact]
    public void Fit_IterationLimitTooSmall_ReportsNotConverged()
    {
        var model = LogisticRegressionTrainer.Fit(SyntheticFrames.Binary(500), "label", new LogisticRegressionOptions { MaxIterations = 2 });

        Assert.False(model.Summary.Converged);
        Assert.Equal(2, model.Summary.Iterations);
    }

    [Fact]
    public void Fit_SingleClassTarget_SaysClassificationNeedsTwo()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2, 3]), new CategoricalColumn("y", ["a", "a", "a"])]);

        var error = Assert.Throws<ArgumentException>(() => LogisticRegressionTrainer.Fit(frame, "y"));

        Assert.Contains("only one class ('a')", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Fit_BadOption_NamesTheOption()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() =>
            LogisticRegressionTrainer.Fit(SyntheticFrames.Binary(50), "label", new LogisticRegressionOptions { C = 0 }));

        Assert.Equal("C", error.ParamName);
    }
}
