namespace MLOps.Durable.ML.Drift;

/// <summary>How often each value occurs in the reference and current samples, over the union of their values.</summary>
internal sealed class CategoryCounts<T>
    where T : notnull
{
    private CategoryCounts(T[] keys, int[] reference, int[] current, int referenceTotal, int currentTotal)
    {
        Keys = keys;
        Reference = reference;
        Current = current;
        ReferenceTotal = referenceTotal;
        CurrentTotal = currentTotal;
    }

    /// <summary>The distinct values, sorted by <c>comparer</c>.</summary>
    public T[] Keys { get; }

    public int[] Reference { get; }

    public int[] Current { get; }

    public int ReferenceTotal { get; }

    public int CurrentTotal { get; }

    public static CategoryCounts<T> Count(ReadOnlySpan<T> reference, ReadOnlySpan<T> current, IComparer<T> comparer)
    {
        if (reference.IsEmpty || current.IsEmpty)
        {
            throw new ArgumentException(
                $"The {(reference.IsEmpty ? "reference" : "current")} sample is empty; a drift statistic needs values on both sides.");
        }

        var index = new SortedDictionary<T, int>(comparer);
        foreach (var value in reference)
        {
            index.TryAdd(value, 0);
        }

        foreach (var value in current)
        {
            index.TryAdd(value, 0);
        }

        var keys = index.Keys.ToArray();
        for (var i = 0; i < keys.Length; i++)
        {
            index[keys[i]] = i;
        }

        var referenceCounts = new int[keys.Length];
        var currentCounts = new int[keys.Length];
        foreach (var value in reference)
        {
            referenceCounts[index[value]]++;
        }

        foreach (var value in current)
        {
            currentCounts[index[value]]++;
        }

        return new CategoryCounts<T>(keys, referenceCounts, currentCounts, reference.Length, current.Length);
    }
}
