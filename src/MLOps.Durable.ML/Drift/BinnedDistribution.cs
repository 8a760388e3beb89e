using System.Globalization;

namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Reference and current samples counted into shared bins, as Evidently bins data for Jensen-Shannon
/// and PSI: a numeric sample whose reference has more than <see cref="MaxDistinctForValueBins"/>
/// distinct values is cut into equal-width bins over the pooled range with NumPy's Sturges rule
/// (ceil(range / (range / (log2(n) + 1))) bins); anything else gets one bin per distinct value.
/// </summary>
internal sealed class BinnedDistribution
{
    public const int MaxDistinctForValueBins = 20;

    private BinnedDistribution(IReadOnlyList<HistogramBin> bins, int referenceTotal, int currentTotal)
    {
        Bins = bins;
        ReferenceShares = [.. bins.Select(b => (double)b.ReferenceCount / referenceTotal)];
        CurrentShares = [.. bins.Select(b => (double)b.CurrentCount / currentTotal)];
    }

    public IReadOnlyList<HistogramBin> Bins { get; }

    public double[] ReferenceShares { get; }

    public double[] CurrentShares { get; }

    public static BinnedDistribution FromNumbers(ReadOnlySpan<double> reference, ReadOnlySpan<double> current)
    {
        var referenceSorted = reference.ToArray();
        Array.Sort(referenceSorted);
        if (CountDistinctSorted(referenceSorted) <= MaxDistinctForValueBins)
        {
            var values = CategoryCounts<double>.Count(reference, current, Comparer<double>.Default);
            return FromCounts(values, v => v.ToString("R", CultureInfo.InvariantCulture));
        }

        var currentSorted = current.ToArray();
        Array.Sort(currentSorted);
        var edges = SturgesEdges(referenceSorted, currentSorted);
        var bins = new HistogramBin[edges.Length - 1];
        for (var i = 0; i < bins.Length; i++)
        {
            var last = i == bins.Length - 1;
            var label = string.Create(
                CultureInfo.InvariantCulture,
                $"[{edges[i]:R}, {edges[i + 1]:R}{(last ? "]" : ")")}");
            bins[i] = new HistogramBin(
                label,
                edges[i],
                edges[i + 1],
                CountInBin(referenceSorted, edges[i], edges[i + 1], last),
                CountInBin(currentSorted, edges[i], edges[i + 1], last));
        }

        return new BinnedDistribution(bins, reference.Length, current.Length);
    }

    public static BinnedDistribution FromCategories<T>(ReadOnlySpan<T> reference, ReadOnlySpan<T> current, IComparer<T> comparer, Func<T, string> format)
        where T : notnull =>
        FromCounts(CategoryCounts<T>.Count(reference, current, comparer), format);

    /// <summary>Edges of NumPy's <c>histogram_bin_edges(bins="sturges")</c> over both samples pooled.</summary>
    internal static double[] SturgesEdges(double[] referenceSorted, double[] currentSorted)
    {
        var first = Math.Min(referenceSorted[0], currentSorted[0]);
        var last = Math.Max(referenceSorted[^1], currentSorted[^1]);
        var range = last - first;
        var count = referenceSorted.Length + currentSorted.Length;
        var width = range / (Math.Log2(count) + 1.0);
        var binCount = width > 0 ? (int)Math.Ceiling(range / width) : 1;
        if (first == last)
        {
            first -= 0.5;
            last += 0.5;
        }

        var step = (last - first) / binCount;
        var edges = new double[binCount + 1];
        for (var i = 0; i < binCount; i++)
        {
            edges[i] = (i * step) + first;
        }

        edges[binCount] = last;
        return edges;
    }

    private static BinnedDistribution FromCounts<T>(CategoryCounts<T> counts, Func<T, string> format)
        where T : notnull
    {
        var bins = new HistogramBin[counts.Keys.Length];
        for (var i = 0; i < bins.Length; i++)
        {
            bins[i] = new HistogramBin(format(counts.Keys[i]), null, null, counts.Reference[i], counts.Current[i]);
        }

        return new BinnedDistribution(bins, counts.ReferenceTotal, counts.CurrentTotal);
    }

    private static int CountInBin(double[] sorted, double lower, double upper, bool closed)
    {
        var start = LowerBound(sorted, lower);
        var end = closed ? UpperBound(sorted, upper) : LowerBound(sorted, upper);
        return end - start;
    }

    private static int LowerBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int UpperBound(double[] sorted, double value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int CountDistinctSorted(double[] sorted)
    {
        var distinct = sorted.Length == 0 ? 0 : 1;
        for (var i = 1; i < sorted.Length; i++)
        {
            if (sorted[i] != sorted[i - 1])
            {
                distinct++;
            }
        }

        return distinct;
    }
}
