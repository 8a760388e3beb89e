namespace MLOps.Durable.ML.Data;

/// <summary>
/// Equal-width bins as numpy.histogram makes them: <see cref="Edges"/> has one more entry than <see cref="Counts"/>;
/// every bin is half-open [left, right) except the last, which also holds its right edge (the maximum).
/// When all values are equal the range is value - 0.5 .. value + 0.5, as in numpy.
/// </summary>
public sealed record Histogram(IReadOnlyList<double> Edges, IReadOnlyList<int> Counts)
{
    /// <summary>Bins the finite <paramref name="values"/> into <paramref name="bins"/> equal-width bins over their min..max (NaN and infinities are left out).</summary>
    public static Histogram Create(IReadOnlyList<double> values, int bins)
    {
        ArgumentNullException.ThrowIfNull(values);
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 1);
        values = [.. values.Where(double.IsFinite)];
        if (values.Count == 0)
        {
            return new Histogram([], []);
        }

        var low = values.Min();
        var high = values.Max();
        if (low == high)
        {
            (low, high) = (low - 0.5, high + 0.5);
        }

        var width = (high - low) / bins;
        var edges = new double[bins + 1];
        for (var i = 0; i < bins; i++)
        {
            edges[i] = low + (i * width);
        }

        edges[bins] = high;
        var counts = new int[bins];
        foreach (var value in values)
        {
            var bin = Math.Clamp((int)((value - low) / width), 0, bins - 1);

            // The division can land one bin off at an edge; the edges decide, so counts agree with the edges shown.
            if (value < edges[bin])
            {
                bin--;
            }
            else if (bin < bins - 1 && value >= edges[bin + 1])
            {
                bin++;
            }

            counts[bin]++;
        }

        return new Histogram(edges, counts);
    }
}
