namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Population stability index Σ (ref% - cur%) · ln(ref% / cur%) over the same bins as
/// <see cref="JensenShannonDistance"/>. As in Evidently, an empty bin's share is replaced by 0.0001, or
/// by the smallest non-zero share / 10⁶ when that share is itself at most 0.0001, so the log stays finite.
/// </summary>
public static class PopulationStabilityIndex
{
    /// <summary>PSI between two numeric samples.</summary>
    public static StatisticResult Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        FromShares(BinnedDistribution.FromNumbers(reference, current));

    /// <summary>PSI between two categorical samples (one bin per value).</summary>
    public static StatisticResult Compute<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> current)
        where T : notnull =>
        FromShares(BinnedDistribution.FromCategories(reference, current, Comparer<T>.Default, v => v.ToString() ?? string.Empty));

    internal static StatisticResult FromShares(BinnedDistribution binned)
    {
        var reference = FillZeroes(binned.ReferenceShares);
        var current = FillZeroes(binned.CurrentShares);
        var index = 0.0;
        for (var i = 0; i < reference.Length; i++)
        {
            index += (reference[i] - current[i]) * Math.Log(reference[i] / current[i]);
        }

        return new StatisticResult(index, null);
    }

    private static double[] FillZeroes(double[] shares)
    {
        var smallest = shares.Where(s => s != 0).DefaultIfEmpty(1.0).Min();
        var fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
        return [.. shares.Select(s => s == 0 ? fill : s)];
    }
}
