using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// Fits <see cref="LinearRegressionModel"/> in closed form: the normal equations of the centred,
/// standardized features (plus the ridge term) solved by Cholesky. Singular systems (collinear
/// features without ridge) get a tiny diagonal jitter so a least-squares solution is still returned.
/// </summary>
public static class LinearRegressionTrainer
{
    /// <summary>Trains on every column of <paramref name="frame"/> except the target (or on <paramref name="features"/>).</summary>
    public static LinearRegressionModel Fit(
        DataFrame frame, string target, LinearRegressionOptions? options = null, IEnumerable<string>? features = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= new LinearRegressionOptions();
        options.Validate();
        var labels = TrainingTarget.From(frame, target, classification: false);
        var encoder = FeatureEncoder.Fit(frame, features ?? frame.ColumnNames.Where(n => n != target), options.MaxCategoryLevels);
        var raw = encoder.Encode(frame);
        var (means, scales) = Standardizer.Fit(raw, encoder.NumericWidth);
        var x = Standardizer.Apply(raw, means, scales);
        var y = labels.Values;
        var d = x.Columns;
        var n = x.Rows;

        // Centre every column (one-hot columns too) so the intercept drops out of the system.
        var columnMeans = new double[d];
        for (var row = 0; row < n; row++)
        {
            var xRow = x.Row(row);
            for (var j = 0; j < d; j++)
            {
                columnMeans[j] += xRow[j] / n;
            }
        }

        var yMean = y.Average();
        var gram = new double[d * d];
        var xty = new double[d];
        var centred = new double[d];
        for (var row = 0; row < n; row++)
        {
            var xRow = x.Row(row);
            for (var j = 0; j < d; j++)
            {
                centred[j] = xRow[j] - columnMeans[j];
            }

            var yc = y[row] - yMean;
            for (var j = 0; j < d; j++)
            {
                xty[j] += centred[j] * yc;
                for (var k = 0; k <= j; k++)
                {
                    gram[(j * d) + k] += centred[j] * centred[k];
                }
            }
        }

        for (var j = 0; j < d; j++)
        {
            gram[(j * d) + j] += options.Alpha;
            for (var k = 0; k < j; k++)
            {
                gram[(k * d) + j] = gram[(j * d) + k];
            }
        }

        var weights = Cholesky.SolveWithJitter(gram, xty, d);
        var intercept = yMean;
        for (var j = 0; j < d; j++)
        {
            intercept -= weights[j] * columnMeans[j];
        }

        double squares = 0;
        for (var row = 0; row < n; row++)
        {
            var prediction = intercept;
            var xRow = x.Row(row);
            for (var j = 0; j < d; j++)
            {
                prediction += weights[j] * xRow[j];
            }

            squares += (y[row] - prediction) * (y[row] - prediction);
        }

        var objective = (squares + (options.Alpha * weights.Sum(w => w * w))) / n;
        return new LinearRegressionModel
        {
            Task = TaskKind.Regression,
            Target = target,
            Classes = [],
            Features = encoder.Columns,
            Means = means,
            Scales = scales,
            Weights = weights,
            Intercept = intercept,
            Summary = new TrainingSummary(1, true, objective, 0, false, null, LinearImportance.FromWeights(encoder, [weights])),
        };
    }
}
