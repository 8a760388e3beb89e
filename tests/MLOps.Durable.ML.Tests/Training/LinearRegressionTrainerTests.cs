using MLOps.Durable.ML.Data;
using MLOps.Durable.ML.Tests.Data;
using MLOps.Durable.ML.Training;

namespace MLOps.Durable.ML.Tests.Training;

public sealed class LinearRegressionTrainerTests
{
    [Theory]
    [InlineData(0.0, "ols")]
    [InlineData(10.0, "ridge10")]
    public void Fit_Diabetes_MatchesScikitLearn(double alpha, string prefix)
    {
        var frame = CsvReader.ReadFile(SampleDatasets.PathOf("diabetes.csv"));
        var expected = LinearReference.For("diabetes.csv");

        var model = LinearRegressionTrainer.Fit(frame, "progression", new LinearRegressionOptions { Alpha = alpha });

        var coefficients = LinearReference.Doubles(expected.GetProperty(prefix + "Coefficients"));
        Assert.Equal(expected.GetProperty(prefix + "Intercept").GetDouble(), model.Intercept, 1e-8);
        for (var j = 0; j < coefficients.Length; j++)
        {
            Assert.Equal(coefficients[j], model.Weights[j], 1e-8);
        }
    }

    [Fact]
    public void Fit_CollinearColumns_StillPredictsTheLine()
    {
        double[] x = [1, 2, 3, 4, 5, 6];
        var frame = new DataFrame(
        [
            new NumericColumn("x", x),
            new NumericColumn("twice", [.. x.Select(v => 2 * v)]),
            new NumericColumn("y", [.. x.Select(v => 3 + (2 * v))]),
        ]);

        var model = LinearRegressionTrainer.Fit(frame, "y");
        var predictions = model.Predict(frame);

        for (var row = 0; row < x.Length; row++)
        {
            Assert.Equal(3 + (2 * x[row]), predictions.Value(row), 1e-6);
        }
    }

    [Fact]
    public void Fit_CategoricalTarget_SaysRegressionNeedsNumbers()
    {
        var frame = new DataFrame([new NumericColumn("x", [1, 2]), new CategoricalColumn("y", ["a", "b"])]);

        var error = Assert.Throws<ArgumentException>(() => LinearRegressionTrainer.Fit(frame, "y"));

        Assert.Contains("regression needs numbers", error.Message, StringComparison.Ordinal);
    }
}
