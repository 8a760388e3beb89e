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

    /// <summary>
    /// Fills, per class, the gradient and hessian of each given row, interleaved: <c>[2 * row]</c> is the
    /// gradient and <c>[2 * row + 1]</c> the hessian, so histogram building reads both with one load.
    /// </summary>
    public static void Gradients(TrainingTarget target, double[] raw, int width, int[] rows, double[][] gradientHessians, ParallelOptions parallel)
    {
        Parallel.ForEach(System.Collections.Concurrent.Partitioner.Create(0, rows.Length, 8192), parallel, range =>
        {
            switch (target.Task)
            {
                case TaskKind.Regression:
                    RegressionGradients(target.Values, raw, rows, range.Item1, range.Item2, gradientHessians[0]);
                    break;
                case TaskKind.BinaryClassification:
                    BinaryGradients(target.ClassIndexes, raw, rows, range.Item1, range.Item2, gradientHessians[0]);
                    break;
                default:
                    SoftmaxGradients(target.ClassIndexes, raw, width, rows, range.Item1, range.Item2, gradientHessians);
                    break;
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

    private static void RegressionGradients(double[] values, double[] raw, int[] rows, int from, int to, double[] gradientHessians)
    {
        for (var i = from; i < to; i++)
        {
            var row = rows[i];
            gradientHessians[2 * row] = raw[row] - values[row];
            gradientHessians[(2 * row) + 1] = 1;
        }
    }

    private static void BinaryGradients(int[] classIndexes, double[] raw, int[] rows, int from, int to, double[] gradientHessians)
    {
        for (var i = from; i < to; i++)
        {
            var row = rows[i];
            var p = Sigmoid(raw[row]);
            gradientHessians[2 * row] = p - classIndexes[row];
            gradientHessians[(2 * row) + 1] = Math.Max(p * (1 - p), 1e-16);
        }
    }

    /// <summary>
    /// The same value as <see cref="LogisticRegressionModel.Sigmoid"/> (same exp, same division) without its
    /// branch on the sign of <paramref name="z"/>, which the data makes unpredictable: e = exp(-|z|) and the
    /// numerator is 1 for z &gt;= 0 and e below, picked by the sign bit (-0 and NaN give equal results either way).
    /// </summary>
    private static double Sigmoid(double z)
    {
        var e = Math.Exp(-Math.Abs(z));
        var negative = BitConverter.DoubleToInt64Bits(z) >> 63;
        var numerator = BitConverter.Int64BitsToDouble((BitConverter.DoubleToInt64Bits(e) & negative) | (BitConverter.DoubleToInt64Bits(1.0) & ~negative));
        return numerator / (1 + e);
    }

    private static void SoftmaxGradients(int[] classIndexes, double[] raw, int width, int[] rows, int from, int to, double[][] gradientHessians)
    {
        Span<double> probabilities = stackalloc double[width];
        for (var i = from; i < to; i++)
        {
            var row = rows[i];
            LogisticRegressionModel.Softmax(raw.AsSpan(row * width, width), probabilities);
            var actual = classIndexes[row];
            for (var k = 0; k < width; k++)
            {
                var pk = probabilities[k];
                gradientHessians[k][2 * row] = pk - (k == actual ? 1 : 0);
                gradientHessians[k][(2 * row) + 1] = Math.Max(pk * (1 - pk), 1e-16);
            }
        }
    }
}
