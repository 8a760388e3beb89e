namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Two-proportion z-test (pooled variance, two-sided), as Evidently's <c>z</c> test: the proportion
/// compared is the share of values that differ from the smallest value (by <c>comparer</c>).
/// </summary>
public static class ProportionZTest
{
    /// <summary>Runs the test. When both samples hold one and the same value the result is z = 0, p = 1.</summary>
    public static StatisticResult Run<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> current, IComparer<T>? comparer = null)
        where T : notnull
    {
        var counts = CategoryCounts<T>.Count(reference, current, comparer ?? Comparer<T>.Default);
        if (counts.Keys.Length < 2)
        {
            return new StatisticResult(0.0, 1.0);
        }

        double n1 = counts.ReferenceTotal, n2 = counts.CurrentTotal;
        var p1 = (n1 - counts.Reference[0]) / n1;
        var p2 = (n2 - counts.Current[0]) / n2;
        var pooled = ((p1 * n1) + (p2 * n2)) / (n1 + n2);
        var z = (p1 - p2) / Math.Sqrt(pooled * (1 - pooled) * ((1.0 / n1) + (1.0 / n2)));
        return new StatisticResult(z, SpecialFunctions.NormalTwoSidedTail(z));
    }
}
