using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// Fits <see cref="LogisticRegressionModel"/> with L-BFGS on the L2-regularized mean log loss:
/// a sigmoid for two classes, softmax over all classes for more. Deterministic (no randomness).
/// </summary>
public static class LogisticRegressionTrainer
{
    /// <summary>Trains on every column of <paramref name="frame"/> except the target (or on <paramref name="features"/>).</summary>
    /// <exception cref="ArgumentException">Bad target, missing feature columns, or a regression target.</exception>
    public static LogisticRegressionModel Fit(
        DataFrame frame, string target, LogisticRegressionOptions? options = null, IEnumerable<string>? features = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new LogisticRegressionOptions();
        options.Validate();
        var labels = TrainingTarget.From(frame, target, classification: true);
        var encoder = FeatureEncoder.Fit(frame, features ?? frame.ColumnNames.Where(n => n != target), options.MaxCategoryLevels);
        var raw = encoder.Encode(frame);
        var (means, scales) = Standardizer.Fit(raw, encoder.NumericWidth);
        var x = Standardizer.Apply(raw, means, scales);

        var rows = labels.Task == TaskKind.BinaryClassification ? 1 : labels.Classes.Count;
        var width = x.Columns + 1;
        var penalty = 1.0 / (options.C * x.Rows);
        var loss = new LogLoss(x, labels.ClassIndexes, rows, penalty);
        var result = Lbfgs.Minimize(loss.Evaluate, new double[rows * width], options.MaxIterations, options.Tolerance);

        var weights = new IReadOnlyList<double>[rows];
        var intercepts = new double[rows];
        for (var k = 0; k < rows; k++)
        {
            weights[k] = result.Solution.AsSpan(k * width, x.Columns).ToArray();
            intercepts[k] = result.Solution[(k * width) + x.Columns];
        }

        return new LogisticRegressionModel
        {
            Task = labels.Task,
            Target = target,
            Classes = labels.Classes,
            Features = encoder.Columns,
            Means = means,
            Scales = scales,
            Weights = weights,
            Intercepts = intercepts,
            Summary = new TrainingSummary(
                result.Iterations, result.Converged, result.Value, result.GradientNorm, false, null,
                LinearImportance.FromWeights(encoder, weights)),
        };
    }

    /// <summary>Mean log loss + penalty/2·||W||² and its gradient; parameters are per logit row: weights then intercept.</summary>
    private sealed class LogLoss(FeatureMatrix x, int[] classes, int logitRows, double penalty)
    {
        private readonly double[] _logits = new double[Math.Max(logitRows, 2)];

        public double Evaluate(ReadOnlySpan<double> parameters, Span<double> gradient)
        {
            var width = x.Columns + 1;
            gradient.Clear();
            double total = 0;
            var logits = _logits.AsSpan(0, logitRows);
            for (var row = 0; row < x.Rows; row++)
            {
                var features = x.Row(row);
                for (var k = 0; k < logitRows; k++)
                {
                    var w = parameters.Slice(k * width, width);
                    var z = w[x.Columns];
                    for (var j = 0; j < features.Length; j++)
                    {
                        z += w[j] * features[j];
                    }

                    logits[k] = z;
                }

                if (logitRows == 1)
                {
                    total += LogisticRegressionModel.BinaryLoss(logits[0], classes[row]);
                    AddRowGradient(gradient[..width], features, LogisticRegressionModel.Sigmoid(logits[0]) - classes[row]);
                }
                else
                {
                    var max = double.NegativeInfinity;
                    foreach (var z in logits)
                    {
                        max = Math.Max(max, z);
                    }

                    double sum = 0;
                    foreach (var z in logits)
                    {
                        sum += Math.Exp(z - max);
                    }

                    var logSum = max + Math.Log(sum);
                    total += logSum - logits[classes[row]];
                    for (var k = 0; k < logitRows; k++)
                    {
                        var p = Math.Exp(logits[k] - logSum);
                        AddRowGradient(gradient.Slice(k * width, width), features, p - (k == classes[row] ? 1 : 0));
                    }
                }
            }

            var n = x.Rows;
            var value = total / n;
            for (var i = 0; i < gradient.Length; i++)
            {
                gradient[i] /= n;
            }

            for (var k = 0; k < logitRows; k++)
            {
                for (var j = 0; j < x.Columns; j++)
                {
                    var w = parameters[(k * width) + j];
                    value += 0.5 * penalty * w * w;
                    gradient[(k * width) + j] += penalty * w;
                }
            }

            return value;
        }

        private static void AddRowGradient(Span<double> gradient, ReadOnlySpan<double> features, double residual)
        {
            for (var j = 0; j < features.Length; j++)
            {
                gradient[j] += residual * features[j];
            }

            gradient[features.Length] += residual;
        }
    }
}
