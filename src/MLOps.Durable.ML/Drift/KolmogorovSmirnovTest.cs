namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Two-sample, two-sided Kolmogorov-Smirnov test matching <c>scipy.stats.ks_2samp</c> in its default
/// <c>method='auto'</c>: exact when both samples have at most <see cref="MaxExactSampleSize"/> values,
/// otherwise the one-sample Kolmogorov distribution at n = round(n1·n2/(n1+n2)).
/// </summary>
public static class KolmogorovSmirnovTest
{
    /// <summary>Largest sample size for which the exact distribution is used (SciPy's MAX_AUTO_N).</summary>
    public const int MaxExactSampleSize = 10_000;

    /// <summary>Runs the test on two samples of finite values (order does not matter).</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds NaN or infinity.</exception>
    public static KolmogorovSmirnovResult Run(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var first = SortedCopy(reference, nameof(reference));
        var second = SortedCopy(current, nameof(current));
        var statistic = MaxEcdfDistance(first, second);
        int n1 = first.Length, n2 = second.Length;

        if (Math.Max(n1, n2) <= MaxExactSampleSize)
        {
            long g = GreatestCommonDivisor(n1, n2);
            var lcm = n1 / g * n2;
            var h = (long)Math.Round(statistic * lcm, MidpointRounding.ToEven);
            var rounded = (double)h / lcm;
            var pValue = h == 0 ? 1.0 : ExactTwoSidedSurvival(n1, n2, g, h);
            return new KolmogorovSmirnovResult(rounded, Math.Clamp(pValue, 0.0, 1.0), Exact: true);
        }

        double m = Math.Max(n1, n2), n = Math.Min(n1, n2);
        var effective = (int)Math.Round(m * n / (m + n), MidpointRounding.ToEven);
        return new KolmogorovSmirnovResult(statistic, KolmogorovDistribution.Survival(effective, statistic), Exact: false);
    }

    /// <summary>sup |F1 - F2| over the pooled values, with right-continuous empirical CDFs (ties handled together).</summary>
    internal static double MaxEcdfDistance(double[] first, double[] second)
    {
        int i = 0, j = 0;
        var max = 0.0;
        while (i < first.Length && j < second.Length)
        {
            var value = Math.Min(first[i], second[j]);
            while (i < first.Length && first[i] == value)
            {
                i++;
            }

            while (j < second.Length && second[j] == value)
            {
                j++;
            }

            var distance = Math.Abs(((double)i / first.Length) - ((double)j / second.Length));
            max = Math.Max(max, distance);
        }

        return max;
    }

    /// <summary>
    /// P(D &gt;= h/lcm) by walking the lattice of (values taken from the first sample, from the second):
    /// each cell holds the probability that a uniformly random path to it has already left the band
    /// |i/n1 - j/n2| &lt; h/lcm. A path reaches (i, j) from (i-1, j) with probability i/(i+j).
    /// </summary>
    private static double ExactTwoSidedSurvival(int n1, int n2, long g, long h)
    {
        long weightFirst = n2 / g, weightSecond = n1 / g;
        var row = new double[n2 + 1];
        for (var i = 0; i <= n1; i++)
        {
            for (var j = 0; j <= n2; j++)
            {
                if (Math.Abs((i * weightFirst) - (j * weightSecond)) >= h)
                {
                    row[j] = 1.0;
                }
                else if (i == 0 && j == 0)
                {
                    row[j] = 0.0;
                }
                else
                {
                    var fromPrevious = i == 0 ? 0.0 : i * row[j];
                    var fromLeft = j == 0 ? 0.0 : j * row[j - 1];
                    row[j] = (fromPrevious + fromLeft) / (i + j);
                }
            }
        }

        return row[n2];
    }

    private static double[] SortedCopy(ReadOnlySpan<double> values, string name)
    {
        if (values.IsEmpty)
        {
            throw new ArgumentException("The sample is empty; the Kolmogorov-Smirnov test needs at least one value.", name);
        }

        var copy = values.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            if (!double.IsFinite(copy[i]))
            {
                throw new ArgumentException($"Value {i} is {copy[i]}; expected a finite number (drop missing values first).", name);
            }
        }

        Array.Sort(copy);
        return copy;
    }

    private static int GreatestCommonDivisor(int a, int b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }
}
