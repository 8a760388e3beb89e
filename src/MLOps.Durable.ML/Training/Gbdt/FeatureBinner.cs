namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Maps each encoded feature to at most 255 ordered bins. With few distinct values every value gets its own
/// bin (edges at midpoints); otherwise edges are quantiles of a sample of rows. Edges are floats and a
/// value's bin is the number of edges below <c>(float)x</c>, matching the tree's branch rule.
/// </summary>
internal sealed class FeatureBinner
{
    private const int SampleRows = 200_000;
    private const int RowBlock = 4_096;

    private FeatureBinner(float[][] edges) => Edges = edges;

    /// <summary>Per feature, the ascending upper edges of its bins (bin count = edges + 1).</summary>
    public float[][] Edges { get; }

    /// <summary>Learns bin edges from the given rows (a random sample of them when there are many).</summary>
    public static FeatureBinner Fit(FeatureMatrix features, int[] trainingRows, int maxBins, int seed)
    {
        var rows = SampleIndexes(trainingRows, seed);
        var columns = features.Columns;
        var count = rows.Length;

        // One pass over the row-major matrix into feature-major floats: a strided gather per feature would
        // pull every cache line of the matrix once per feature.
        var values = new float[(long)columns * count];
        Parallel.For(0, Blocks(count), block =>
        {
            var end = Math.Min(count, (block + 1) * RowBlock);
            for (var i = block * RowBlock; i < end; i++)
            {
                var x = features.Row(rows[i]);
                for (var j = 0; j < x.Length; j++)
                {
                    values[((long)j * count) + i] = (float)x[j];
                }
            }
        });

        var edges = new float[columns][];
        Parallel.For(0, columns, j =>
        {
            var column = values.AsSpan((int)((long)j * count), count);
            FloatRadixSort.Sort(column);
            edges[j] = EdgesFor(column, maxBins);
        });
        return new FeatureBinner(edges);
    }

    /// <summary>Bins every row, in both layouts.</summary>
    public BinnedRows Transform(FeatureMatrix features)
    {
        var columns = features.Columns;
        var rows = features.Rows;
        var byRow = new byte[(long)rows * columns];
        var byFeature = new byte[(long)rows * columns];
        Parallel.For(0, Blocks(rows), block =>
        {
            var end = Math.Min(rows, (block + 1) * RowBlock);
            for (var row = block * RowBlock; row < end; row++)
            {
                var x = features.Row(row);
                var offset = (long)row * columns;
                for (var j = 0; j < columns; j++)
                {
                    var bin = BinOf(Edges[j], (float)x[j]);
                    byRow[offset + j] = bin;
                    byFeature[((long)j * rows) + row] = bin;
                }
            }
        });
        return new BinnedRows(byRow, byFeature, rows, columns);
    }

    /// <summary>The number of edges below <paramref name="value"/> (NaN goes to bin 0).</summary>
    public static byte BinOf(float[] edges, float value)
    {
        if (edges.Length == 0)
        {
            return 0;
        }

        // Branchless lower bound: the loop count depends only on the edge count, so it predicts perfectly,
        // and the comparison selects rather than branches (bin order within a feature is random).
        var lo = 0;
        var length = edges.Length;
        while (length > 1)
        {
            var half = length >> 1;
            lo = edges[lo + half] < value ? lo + half : lo;
            length -= half;
        }

        return (byte)(lo + (edges[lo] < value ? 1 : 0));
    }

    private static int Blocks(int rows) => (rows + RowBlock - 1) / RowBlock;

    private static float[] EdgesFor(ReadOnlySpan<float> sorted, int maxBins)
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
