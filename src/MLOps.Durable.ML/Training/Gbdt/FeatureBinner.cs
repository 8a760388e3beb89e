namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Maps each encoded feature to at most 255 ordered bins. With few distinct values every value gets its own
/// bin (edges at midpoints); otherwise edges are quantiles of a sample of rows. Edges are floats and a
/// value's bin is the number of edges below <c>(float)x</c>, matching the tree's branch rule.
/// </summary>
internal sealed class FeatureBinner
{
    private const int SampleRows = 200_000;

    private FeatureBinner(float[][] edges) => Edges = edges;

    /// <summary>Per feature, the ascending upper edges of its bins (bin count = edges + 1).</summary>
    public float[][] Edges { get; }

    /// <summary>Learns bin edges from the given rows (a random sample of them when there are many).</summary>
    public static FeatureBinner Fit(FeatureMatrix features, int[] trainingRows, int maxBins, int seed)
    {
        var rows = SampleIndexes(trainingRows, seed);
        var edges = new float[features.Columns][];
        Parallel.For(0, features.Columns, j =>
        {
            var values = new float[rows.Length];
            for (var i = 0; i < rows.Length; i++)
            {
                values[i] = (float)features[rows[i], j];
            }

            Array.Sort(values);
            edges[j] = EdgesFor(values, maxBins);
        });
        return new FeatureBinner(edges);
    }

    /// <summary>Bins every row.</summary>
    public BinnedRows Transform(FeatureMatrix features)
    {
        var columns = features.Columns;
        var binned = new byte[(long)features.Rows * columns];
        Parallel.For(0, features.Rows, row =>
        {
            var x = features.Row(row);
            var offset = (long)row * columns;
            for (var j = 0; j < columns; j++)
            {
                binned[offset + j] = BinOf(Edges[j], (float)x[j]);
            }
        });
        return new BinnedRows(binned, features.Rows, columns);
    }

    public static byte BinOf(float[] edges, float value)
    {
        // First edge >= value; values above every edge go to the last bin.
        int lo = 0, hi = edges.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >> 1;
            if (edges[mid] < value)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return (byte)lo;
    }

    private static float[] EdgesFor(float[] sorted, int maxBins)
    {
        var distinct = new List<float>();
        foreach (var value in sorted)
        {
            if (distinct.Count == 0 || distinct[^1] != value)
            {
                distinct.Add(value);
            }
        }

        var edges = new List<float>();
        if (distinct.Count <= maxBins)
        {
            for (var i = 0; i + 1 < distinct.Count; i++)
            {
                AddEdge(edges, (float)((distinct[i] + (double)distinct[i + 1]) / 2), distinct[i + 1]);
            }
        }
        else
        {
            for (var b = 1; b < maxBins; b++)
            {
                // Midpoint percentile, as numpy's method="midpoint" takes it.
                var position = b * (sorted.Length - 1) / (double)maxBins;
                var lower = sorted[(int)Math.Floor(position)];
                var upper = sorted[(int)Math.Ceiling(position)];
                var edge = (float)((lower + (double)upper) / 2);
                var next = NextDistinctAbove(distinct, edge);
                if (next is { } above)
                {
                    AddEdge(edges, edge, above);
                }
            }
        }

        return [.. edges];
    }

    private static void AddEdge(List<float> edges, float edge, float nextValue)
    {
        // An edge must stay below the next value in float, or that value would fall into the lower bin.
        if (edge >= nextValue)
        {
            edge = MathF.BitDecrement(nextValue);
        }

        if (edges.Count == 0 || edge > edges[^1])
        {
            edges.Add(edge);
        }
    }

    private static float? NextDistinctAbove(List<float> distinct, float edge)
    {
        var index = distinct.BinarySearch(edge);
        index = index >= 0 ? index + 1 : ~index;
        return index < distinct.Count ? distinct[index] : null;
    }

    private static int[] SampleIndexes(int[] rows, int seed)
    {
        if (rows.Length <= SampleRows)
        {
            return rows;
        }

        var shuffled = (int[])rows.Clone();
        new Random(seed).Shuffle(shuffled);
        return shuffled[..SampleRows];
    }
}
