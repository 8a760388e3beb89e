using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Tests.Training;

/// <summary>Small seeded data sets with known structure for trainer tests.</summary>
internal static class SyntheticFrames
{
    /// <summary>Binary label = x0 + 0.5·x1 + noise > 0, with a useless column and a categorical column that shifts the odds.</summary>
    public static DataFrame Binary(int rows, int seed = 1, double noise = 0.3)
    {
        var random = new Random(seed);
        var x0 = new double[rows];
        var x1 = new double[rows];
        var useless = new double[rows];
        var color = new string?[rows];
        var label = new string?[rows];
        string[] colors = ["red", "green", "blue"];
        for (var i = 0; i < rows; i++)
        {
            x0[i] = (random.NextDouble() * 4) - 2;
            x1[i] = (random.NextDouble() * 4) - 2;
            useless[i] = random.NextDouble();
            color[i] = colors[random.Next(3)];
            var z = x0[i] + (0.5 * x1[i]) + (color[i] == "red" ? 1 : 0) - 0.3 + (noise * ((random.NextDouble() * 2) - 1));
            label[i] = z > 0 ? "yes" : "no";
        }

        return new DataFrame(
        [
            new NumericColumn("x0", x0),
            new NumericColumn("x1", x1),
            new NumericColumn("useless", useless),
            new CategoricalColumn("color", color),
            new CategoricalColumn("label", label),
        ]);
    }

    /// <summary>Three classes by the angle of (x, y), so the boundary is not linear in one feature.</summary>
    public static DataFrame ThreeClasses(int rows, int seed = 2)
    {
        var random = new Random(seed);
        var x = new double[rows];
        var y = new double[rows];
        var label = new string?[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = (random.NextDouble() * 2) - 1;
            y[i] = (random.NextDouble() * 2) - 1;
            var angle = Math.Atan2(y[i], x[i]) + Math.PI;
            label[i] = angle < 2 * Math.PI / 3 ? "a" : angle < 4 * Math.PI / 3 ? "b" : "c";
        }

        return new DataFrame([new NumericColumn("x", x), new NumericColumn("y", y), new CategoricalColumn("class", label)]);
    }

    /// <summary>target = sin(3x) + x² + small noise, for regression.</summary>
    public static DataFrame Curve(int rows, int seed = 3)
    {
        var random = new Random(seed);
        var x = new double[rows];
        var target = new double[rows];
        for (var i = 0; i < rows; i++)
        {
            x[i] = (random.NextDouble() * 4) - 2;
            target[i] = Math.Sin(3 * x[i]) + (x[i] * x[i]) + (0.05 * ((random.NextDouble() * 2) - 1));
        }

        return new DataFrame([new NumericColumn("x", x), new NumericColumn("target", target)]);
    }

    /// <summary>Fraction of rows whose predicted label equals the target column.</summary>
    public static double Accuracy(MLOps.Durable.ML.Training.TrainedModel model, DataFrame frame)
    {
        var predictions = model.Predict(frame);
        var target = frame[model.Target];
        var correct = Enumerable.Range(0, frame.RowCount).Count(r => predictions.PredictedLabel(r) == target.FormatValue(r));
        return correct / (double)frame.RowCount;
    }
}
