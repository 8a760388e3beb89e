using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// A model's output for a batch of rows: class probabilities (row-major, one per class) for
/// classification, values for regression.
/// </summary>
public sealed class Predictions
{
    private readonly double[] _scores;

    /// <summary>Wraps scores computed by a model.</summary>
    public Predictions(TaskKind task, IReadOnlyList<string> classes, double[] scores)
    {
        ArgumentNullException.ThrowIfNull(classes);
        ArgumentNullException.ThrowIfNull(scores);
        Task = task;
        Classes = classes;
        _scores = scores;
        Width = task == TaskKind.Regression ? 1 : classes.Count;
        RowCount = scores.Length / Width;
    }

    /// <summary>What the model predicts.</summary>
    public TaskKind Task { get; }

    /// <summary>The class labels (empty for regression).</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Number of rows scored.</summary>
    public int RowCount { get; }

    /// <summary>Scores per row: the class count, or 1 for regression.</summary>
    public int Width { get; }

    /// <summary>All scores, row-major.</summary>
    public ReadOnlySpan<double> Scores => _scores;

    /// <summary>The class probabilities of one row.</summary>
    public ReadOnlySpan<double> Probabilities(int row) => _scores.AsSpan(row * Width, Width);

    /// <summary>The predicted value of one row (regression).</summary>
    public double Value(int row) => _scores[row];

    /// <summary>The most probable class of one row (the first on ties).</summary>
    public int PredictedClass(int row)
    {
        var probabilities = Probabilities(row);
        var best = 0;
        for (var c = 1; c < probabilities.Length; c++)
        {
            if (probabilities[c] > probabilities[best])
            {
                best = c;
            }
        }

        return best;
    }

    /// <summary>The most probable class label of one row.</summary>
    public string PredictedLabel(int row) => Classes[PredictedClass(row)];

    /// <summary>Probabilities of class index 1 per row (binary classification).</summary>
    public double[] PositiveProbabilities()
    {
        var positive = new double[RowCount];
        for (var row = 0; row < RowCount; row++)
        {
            positive[row] = _scores[(row * Width) + 1];
        }

        return positive;
    }
}
