namespace MLOps.Durable.ML.Drift;

/// <summary>
/// First Wasserstein (earth mover's) distance between two samples, ∫|F_ref(x) - F_cur(x)| dx as
/// <c>scipy.stats.wasserstein_distance</c>, and Evidently's normalized form: divided by the reference
/// population standard deviation (ddof = 0), floored at 0.001.
/// </summary>
public static class WassersteinDistance
{
    /// <summary>Smallest divisor used by <see cref="Normalized"/>, so a constant reference does not divide by zero.</summary>
    public const double MinimumScale = 0.001;

    /// <summary>The distance in the units of the data.</summary>
    public static double Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var first = Sorted(reference, nameof(reference));
        var second = Sorted(current, nameof(current));
        var pooled = new double[first.Length + second.Length];
        first.CopyTo(pooled, 0);
        second.CopyTo(pooled, first.Length);
        Array.Sort(pooled);

        int i = 0, j = 0;
        var distance = 0.0;
        for (var k = 0; k < pooled.Length - 1; k++)
        {
            while (i < first.Length && first[i] <= pooled[k])
            {
                i++;
            }

            while (j < second.Length && second[j] <= pooled[k])
            {
                j++;
            }

            var gap = ((double)i / first.Length) - ((double)j / second.Length);
            distance += Math.Abs(gap) * (pooled[k + 1] - pooled[k]);
        }

        return distance;
    }

    /// <summary>The distance divided by max(std(reference), <see cref="MinimumScale"/>).</summary>
    public static StatisticResult Normalized(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var distance = Compute(reference, current);
        var scale = Math.Max(PopulationStandardDeviation(reference), MinimumScale);
        return new StatisticResult(distance / scale, null);
    }

    internal static double PopulationStandardDeviation(ReadOnlySpan<double> values)
    {
        var mean = 0.0;
        foreach (var value in values)
        {
            mean += value;
        }

        mean /= values.Length;
        var squares = 0.0;
        foreach (var value in values)
        {
            squares += (value - mean) * (value - mean);
        }

        return Math.Sqrt(squares / values.Length);
    }

    private static double[] Sorted(ReadOnlySpan<double> values, string name)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample is empty; the Wasserstein distance needs at least one value.", name);
        }

        var copy = values.ToArray();
        foreach (var value in copy)
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentException($"The sample holds {value}; expected finite numbers (drop missing values first).", name);
            }
        }

        Array.Sort(copy);
        return copy;
    }
}
