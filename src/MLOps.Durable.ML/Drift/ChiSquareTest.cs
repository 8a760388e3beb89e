namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Pearson chi-square goodness-of-fit of the current category counts against the reference
/// proportions, as Evidently's <c>chisquare</c> test: expected count of a category = reference count ×
/// (current size / reference size), over the union of categories, k - 1 degrees of freedom.
/// </summary>
public static class ChiSquareTest
{
    /// <summary>Runs the test. A category seen only in the current data has expected count 0, so the
    /// statistic is +∞ and the p-value 0. With a single category overall there is nothing to test:
    /// statistic 0, p-value 1.</summary>
    public static StatisticResult Run<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> current, IComparer<T>? comparer = null)
        where T : notnull
    {
        var counts = CategoryCounts<T>.Count(reference, current, comparer ?? Comparer<T>.Default);
        if (counts.Keys.Length < 2)
        {
            return new StatisticResult(0.0, 1.0);
        }

        var scale = (double)counts.CurrentTotal / counts.ReferenceTotal;
        var statistic = 0.0;
        for (var i = 0; i < counts.Keys.Length; i++)
        {
            var expected = counts.Reference[i] * scale;
            var difference = counts.Current[i] - expected;
            statistic += expected == 0 ? double.PositiveInfinity : difference * difference / expected;
        }

        return new StatisticResult(statistic, SpecialFunctions.ChiSquareSurvival(statistic, counts.Keys.Length - 1));
    }
}
