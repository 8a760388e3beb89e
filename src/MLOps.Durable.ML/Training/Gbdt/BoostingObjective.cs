using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// The loss gradient boosting minimizes, by task: binary log loss on one raw score, softmax cross-entropy
/// on one raw score per class, squared error for regression. Gives base scores, gradients/hessians,
/// the mean loss (for early stopping) and the mapping from raw scores to outputs.
/// </summary>
internal static class BoostingObjective
{
    public static int Width(TaskKind task, int classes) => task == TaskKind.MulticlassClassification ? classes : 1;

    public static double[] BaseScores(TrainingTarget target, int[] rows)
    {
        switch (target.Task)
        {
            case TaskKind.Regression:
                double sum = 0;
                foreach (var row in rows)
                {
                    sum += target.Values[row];
                }

                return [sum / rows.Length];
            case TaskKind.BinaryClassification:
                var positives = 0;
                foreach (var row in rows)
                {
                    positives += target.ClassIndexes[row];
                }

                var p = Math.Clamp(positives / (double)rows.Length, 1e-12, 1 - 1e-12);
                return [Math.Log(p / (1 - p))];
            default:
                var counts = new double[target.Classes.Count];
                foreach (var row in rows)
                {
                    counts[target.ClassIndexes[row]]++;
                }

                return [.. counts.Select(c => Math.Log(Math.Max(c / rows.Length, 1e-12)))];
        }
    }

    /// <summary>Fills per-class gradient and hessian arrays (indexed by row) for the given rows.</summary>
    public static void Gradients(TrainingTarget target, double[] raw, int width, int[] rows, double[][] gradients, double[][] hessians, ParallelOptions parallel)
    {
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, rows.Length, 8192), parallel, range =>
        {
            Span<double> probabilities = stackalloc double[width];
            for (var i = range.Item1; i < range.Item2; i++)
            {
                var row = rows[i];
                switch (target.Task)
                {
                    case TaskKind.Regression:
                        gradients[0][row] = raw[row] - target.Values[row];
                        hessians[0][row] = 1;
                        break;
                    case TaskKind.BinaryClassification:
                        var p = LogisticRegressionModel.Sigmoid(raw[row]);
                        gradients[0][row] = p - target.ClassIndexes[row];
                        hessians[0][row] = Math.Max(p * (1 - p), 1e-16);
                        break;
                    default:
                        LogisticRegressionModel.Softmax(raw.AsSpan(row * width, width), probabilities);
                        var actual = target.ClassIndexes[row];
                        for (var k = 0; k < width; k++)
                        {
                            var pk = probabilities[k];
                            gradients[k][row] = pk - (k == actual ? 1 : 0);
                            hessians[k][row] = Math.Max(pk * (1 - pk), 1e-16);
                        }

                        break;
                }
            }
        });
    }

    /// <summary>Mean loss over <paramref name="rows"/>; <paramref name="raw"/> is indexed by position in <paramref name="rows"/>.</summary>
    public static double MeanLoss(TrainingTarget target, double[] raw, int width, int[] rows)
    {
        double total = 0;
        Span<double> probabilities = stackalloc double[width];
        for (var i = 0; i < rows.Length; i++)
        {
            var row = rows[i];
            switch (target.Task)
            {
                case TaskKind.Regression:
                    var error = raw[i] - target.Values[row];
                    total += error * error;
                    break;
                case TaskKind.BinaryClassification:
                    total += LogisticRegressionModel.BinaryLoss(raw[i], target.ClassIndexes[row]);
                    break;
                default:
                    LogisticRegressionModel.Softmax(raw.AsSpan(i * width, width), probabilities);
                    total -= Math.Log(Math.Max(probabilities[target.ClassIndexes[row]], 1e-300));
                    break;
            }
        }

        return total / rows.Length;
    }

    /// <summary>Turns raw scores into probabilities (classification) or values (regression).</summary>
    public static void ToOutputs(TaskKind task, ReadOnlySpan<double> raw, int width, Span<double> outputs)
    {
        var rows = raw.Length / width;
        for (var row = 0; row < rows; row++)
        {
            switch (task)
            {
                case TaskKind.Regression:
                    outputs[row] = raw[row];
                    break;
                case TaskKind.BinaryClassification:
                    var p = LogisticRegressionModel.Sigmoid(raw[row]);
                    outputs[2 * row] = 1 - p;
                    outputs[(2 * row) + 1] = p;
                    break;
                default:
                    LogisticRegressionModel.Softmax(raw.Slice(row * width, width), outputs.Slice(row * width, width));
                    break;
            }
        }
    }
}
