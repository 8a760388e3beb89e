namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Jensen-Shannon distance (natural log, as <c>scipy.spatial.distance.jensenshannon</c> with the default
/// base) between the binned reference and current distributions, binned as Evidently does (see
/// <c>BinnedDistribution</c>: Sturges bins for numeric data with more than 20 reference values, else one
/// bin per value). Ranges from 0 to √ln 2 ≈ 0.8326.
/// </summary>
public static class JensenShannonDistance
{
    /// <summary>Distance between two numeric samples.</summary>
    public static StatisticResult Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        FromShares(BinnedDistribution.FromNumbers(reference, current));

    /// <summary>Distance between two categorical samples (one bin per value).</summary>
    public static StatisticResult Compute<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> current)
        where T : notnull =>
        FromShares(BinnedDistribution.FromCategories(reference, current, Comparer<T>.Default, v => v.ToString() ?? string.Empty));

    internal static StatisticResult FromShares(BinnedDistribution binned)
    {
        var p = Normalize(binned.ReferenceShares);
        var q = Normalize(binned.CurrentShares);
        var divergence = 0.0;
        for (var i = 0; i < p.Length; i++)
        {
            var mixture = (p[i] + q[i]) / 2;
            divergence += RelativeEntropyTerm(p[i], mixture) + RelativeEntropyTerm(q[i], mixture);
        }

        return new StatisticResult(Math.Sqrt(Math.Max(divergence, 0) / 2), null);
    }

    private static double RelativeEntropyTerm(double x, double y) => x > 0 ? x * Math.Log(x / y) : 0.0;

    private static double[] Normalize(double[] shares)
    {
        var total = shares.Sum();
        return [.. shares.Select(s => s / total)];
    }
}
