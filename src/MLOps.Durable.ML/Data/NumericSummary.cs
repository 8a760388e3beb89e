namespace MLOps.Durable.ML.Data;

/// <summary>
/// Statistics of the present values of a numeric column. <see cref="StandardDeviation"/> is the sample standard
/// deviation (divisor n - 1, numpy ddof=1; null for fewer than two values). Quantiles use linear interpolation
/// between the two nearest ranks, numpy's default method: position (n - 1) * p in the sorted values.
/// </summary>
public sealed record NumericSummary(
    double Min,
    double Max,
    double Mean,
    double? StandardDeviation,
    double P5,
    double P25,
    double P50,
    double P75,
    double P95,
    Histogram Histogram)
{
    /// <summary>Summarises <paramref name="values"/> (present values, at least one).</summary>
    public static NumericSummary Create(IReadOnlyList<double> values, int histogramBins)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Count == 0)
        {
            throw new ArgumentException("values: empty; expected at least one present value.", nameof(values));
        }

        var sorted = values.Order().ToArray();

        // Summed in row order, so the same data always gives the same bits.
        var sum = 0.0;
        foreach (var value in values)
        {
            sum += value;
        }

        var mean = sum / values.Count;
        double? std = null;
        if (values.Count > 1)
        {
            var squares = 0.0;
            foreach (var value in values)
            {
                squares += (value - mean) * (value - mean);
            }

            std = Math.Sqrt(squares / (values.Count - 1));
        }

        return new NumericSummary(
            sorted[0],
            sorted[^1],
            mean,
            std,
            Quantile(sorted, 0.05),
            Quantile(sorted, 0.25),
            Quantile(sorted, 0.50),
            Quantile(sorted, 0.75),
            Quantile(sorted, 0.95),
            Histogram.Create(values, histogramBins));
    }

    /// <summary>The <paramref name="p"/>-quantile of ascending <paramref name="sorted"/> values, linear interpolation (numpy default).</summary>
    public static double Quantile(IReadOnlyList<double> sorted, double p)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0 || p is < 0 or > 1 || double.IsNaN(p))
        {
            throw new ArgumentException($"Quantile {p} of {sorted.Count} values; expected 0 <= p <= 1 and at least one value.");
        }

        var position = (sorted.Count - 1) * p;
        var lower = (int)Math.Floor(position);
        var upper = Math.Min(lower + 1, sorted.Count - 1);
        var fraction = position - lower;
        return sorted[lower] + (fraction * (sorted[upper] - sorted[lower]));
    }
}
