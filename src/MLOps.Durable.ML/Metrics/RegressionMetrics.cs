using System.Globalization;

namespace MLOps.Durable.ML.Metrics;

/// <summary>RMSE, MAE and R² with scikit-learn's definitions (mean_squared_error, mean_absolute_error, r2_score).</summary>
public static class RegressionMetrics
{
    /// <summary>Evaluates <paramref name="predicted"/> against <paramref name="actual"/> (same length, finite values).</summary>
    /// <exception cref="ArgumentException">The input is empty, the lengths differ or a value is not finite.</exception>
    public static RegressionReport Evaluate(ReadOnlySpan<double> actual, ReadOnlySpan<double> predicted)
    {
        if (actual.IsEmpty)
        {
            throw new ArgumentException("actual is empty; expected at least one row.", nameof(actual));
        }

        if (predicted.Length != actual.Length)
        {
            throw new ArgumentException($"predicted has {predicted.Length} values; expected {actual.Length}, one per actual value.", nameof(predicted));
        }

        RequireFinite(actual, nameof(actual));
        RequireFinite(predicted, nameof(predicted));

        var n = actual.Length;
        var mean = 0.0;
        foreach (var value in actual)
        {
            mean += value;
        }

        mean /= n;
        double squared = 0, absolute = 0, total = 0;
        for (var i = 0; i < n; i++)
        {
            var error = actual[i] - predicted[i];
            squared += error * error;
            absolute += Math.Abs(error);
            total += (actual[i] - mean) * (actual[i] - mean);
        }

        var r2 = total == 0 ? (squared == 0 ? 1.0 : 0.0) : 1 - (squared / total);
        return new RegressionReport(n, Math.Sqrt(squared / n), absolute / n, r2);
    }

    private static void RequireFinite(ReadOnlySpan<double> values, string name)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i]))
            {
                throw new ArgumentException($"{name}[{i}] is {values[i].ToString(CultureInfo.InvariantCulture)}; expected a finite number.", name);
            }
        }
    }
}
