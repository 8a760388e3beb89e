using MLOps.Durable.ML.Training.Gbdt;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// Gradient-boosted decision trees. The raw score of a class is its base score plus the leaf values of its
/// trees; probabilities are the sigmoid of the single raw score (binary) or the softmax over classes.
/// </summary>
public sealed class GradientBoostedTreesModel : TrainedModel
{
    /// <summary>Initial raw score per class (one entry for binary and regression).</summary>
    public required IReadOnlyList<double> BaseScores { get; init; }

    /// <summary>The trees of every round, each adding to the raw score of its <see cref="DecisionTree.Class"/>.</summary>
    public required IReadOnlyList<DecisionTree> Trees { get; init; }

    /// <summary>Rounds, early stopping and feature importance.</summary>
    public required TrainingSummary Summary { get; init; }

    private const int ParallelRows = 512;

    /// <inheritdoc />
    public override void Score(FeatureMatrix features, Span<double> scores)
    {
        ArgumentNullException.ThrowIfNull(features);
        var width = BaseScores.Count;
        var raw = new double[features.Rows * width];
        for (var row = 0; row < features.Rows; row++)
        {
            for (var k = 0; k < width; k++)
            {
                raw[(row * width) + k] = BaseScores[k];
            }
        }

        // Small batches (a single request) score inline: thread-pool dispatch would cost more than the trees.
        if (features.Rows < ParallelRows)
        {
            for (var row = 0; row < features.Rows; row++)
            {
                AddTrees(features, raw, width, row);
            }
        }
        else
        {
            Parallel.For(0, features.Rows, row => AddTrees(features, raw, width, row));
        }

        BoostingObjective.ToOutputs(Task, raw, width, scores);
    }

    private void AddTrees(FeatureMatrix features, double[] raw, int width, int row)
    {
        var x = features.Row(row);
        foreach (var tree in Trees)
        {
            raw[(row * width) + tree.Class] += tree.Evaluate(x);
        }
    }
}
