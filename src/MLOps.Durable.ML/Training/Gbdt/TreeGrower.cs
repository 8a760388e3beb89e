using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace MLOps.Durable.ML.Training.Gbdt;

/// <summary>
/// Grows one regression tree on gradients and hessians, best-first (the leaf with the largest gain splits
/// next) up to the leaf limit. Histograms are built for the smaller child only; the larger child's is the
/// parent's minus it. Histogram building runs over features in parallel for large nodes.
/// </summary>
internal sealed class TreeGrower
{
    private const double MinHessianToSplit = 1e-3;
    private const int ParallelRowThreshold = 4_096;

    private readonly BinnedRows _bins;
    private readonly float[][] _edges;
    private readonly int[] _offsets;
    private readonly int _totalBins;
    private readonly GradientBoostingOptions _options;
    private readonly ParallelOptions _parallel;
    private readonly Stack<Histogram> _pool = new();
    private readonly int[] _order;
    private readonly int[] _scratch;
    private readonly Histogram[] _partials;
    private readonly ushort[]? _narrowBins;
    private readonly int[]? _wideBins;

    public TreeGrower(BinnedRows bins, float[][] edges, int rows, GradientBoostingOptions options)
    {
        _bins = bins;
        _edges = edges;
        _options = options;
        _offsets = new int[edges.Length + 1];
        for (var f = 0; f < edges.Length; f++)
        {
            _offsets[f + 1] = _offsets[f] + edges[f].Length + 1;
        }

        _totalBins = _offsets[^1];

        // Row-major bin numbers with each feature's histogram offset already added, so the histogram loop
        // does not load and add the offset per feature; two bytes each while they fit (measured faster).
        if (_totalBins <= ushort.MaxValue + 1)
        {
            _narrowBins = GlobalBins<ushort>(bins);
        }
        else
        {
            _wideBins = GlobalBins<int>(bins);
        }

        _parallel = new ParallelOptions { MaxDegreeOfParallelism = options.Threads ?? Environment.ProcessorCount };
        _order = new int[rows];
        _scratch = new int[rows];
        _partials = new Histogram[_parallel.MaxDegreeOfParallelism - 1];
        for (var t = 0; t < _partials.Length; t++)
        {
            _partials[t] = new Histogram(_totalBins);
        }
    }

    /// <summary>Per encoded feature, the summed split gain of every tree grown so far.</summary>
    public double[] GainByFeature => _gains ??= new double[_edges.Length];

    private double[]? _gains;

    /// <summary>
    /// Grows a tree over <paramref name="rows"/> (ascending row numbers) using only the allowed features;
    /// <paramref name="gradientHessians"/> holds each row's gradient and hessian side by side.
    /// </summary>
    public GrownTree Grow(ReadOnlySpan<int> rows, double[] gradientHessians, bool[] allowedFeatures, int treeClass)
    {
        rows.CopyTo(_order);
        var count = rows.Length;
        var nodes = new List<TreeNodeBuilder>();
        var open = new List<OpenLeaf>();

        var root = new OpenLeaf(0, 0, count, 0, Rent());
        double g = 0, h = 0;
        for (var i = 0; i < count; i++)
        {
            g += gradientHessians[2 * _order[i]];
            h += gradientHessians[(2 * _order[i]) + 1];
        }

        root = root with { Gradient = g, Hessian = h };
        nodes.Add(new TreeNodeBuilder());
        BuildHistogram(root, gradientHessians);
        root = root with { Best = FindBestSplit(root, allowedFeatures) };
        open.Add(root);
        var leaves = 1;

        while (leaves < _options.MaxLeaves)
        {
            var pick = -1;
            for (var i = 0; i < open.Count; i++)
            {
                if (open[i].Best.IsValid && (pick < 0 || open[i].Best.Gain > open[pick].Best.Gain))
                {
                    pick = i;
                }
            }

            if (pick < 0)
            {
                break;
            }

            var parent = open[pick];
            open.RemoveAt(pick);
            var split = parent.Best;
            Partition(parent, split);

            var leftIndex = nodes.Count;
            nodes.Add(new TreeNodeBuilder());
            nodes.Add(new TreeNodeBuilder());
            nodes[parent.Node] = new TreeNodeBuilder(split.Feature, split.Bin, _edges[split.Feature][split.Bin], leftIndex, leftIndex + 1);
            GainByFeature[split.Feature] += split.Gain;

            var left = new OpenLeaf(leftIndex, parent.Start, split.LeftCount, parent.Depth + 1, null)
            {
                Gradient = split.LeftGradient,
                Hessian = split.LeftHessian,
            };
            var right = new OpenLeaf(leftIndex + 1, parent.Start + split.LeftCount, parent.Count - split.LeftCount, parent.Depth + 1, null)
            {
                Gradient = parent.Gradient - split.LeftGradient,
                Hessian = parent.Hessian - split.LeftHessian,
            };

            var canSplitChildren = _options.MaxDepth is not { } maxDepth || parent.Depth + 1 < maxDepth;
            if (canSplitChildren && leaves + 1 < _options.MaxLeaves)
            {
                var (small, large) = left.Count <= right.Count ? (left, right) : (right, left);
                small = small with { Histogram = Rent() };
                BuildHistogram(small, gradientHessians);
                large = large with { Histogram = parent.Histogram };
                large.Histogram!.SetDifference(parent.Histogram!, small.Histogram!);
                small = small with { Best = FindBestSplit(small, allowedFeatures) };
                large = large with { Best = FindBestSplit(large, allowedFeatures) };
                open.Add(small);
                open.Add(large);
            }
            else
            {
                Return(parent.Histogram!);
                open.Add(left with { Best = SplitCandidate.None });
                open.Add(right with { Best = SplitCandidate.None });
            }

            leaves++;
        }

        var leafSegments = new List<(int Node, int Start, int Count)>(open.Count);
        var values = new double[nodes.Count];
        foreach (var leaf in open)
        {
            if (leaf.Histogram is not null)
            {
                Return(leaf.Histogram);
            }

            var denominator = leaf.Hessian + _options.L2;
            values[leaf.Node] = denominator > 0 ? -_options.LearningRate * leaf.Gradient / denominator : 0;
            leafSegments.Add((leaf.Node, leaf.Start, leaf.Count));
        }

        var tree = new DecisionTree(
            treeClass,
            [.. nodes.Select(n => n.Feature)],
            [.. nodes.Select(n => n.Threshold)],
            [.. nodes.Select(n => n.Left)],
            [.. nodes.Select(n => n.Right)],
            values);
        return new GrownTree(tree, [.. nodes.Select(n => n.Bin)], _order, leafSegments);
    }

    private void BuildHistogram(OpenLeaf leaf, double[] gradientHessians)
    {
        var histogram = leaf.Histogram!;
        var threads = leaf.Count >= ParallelRowThreshold ? _partials.Length + 1 : 1;
        if (threads == 1)
        {
            Accumulate(histogram, leaf.Start, leaf.Count, gradientHessians);
            return;
        }

        // Each thread sums a slice of the node's rows into its own histogram; the slices are then added up.
        var slice = (leaf.Count + threads - 1) / threads;
        Parallel.For(0, threads, _parallel, t =>
        {
            var from = t * slice;
            var to = Math.Min(leaf.Count, from + slice);
            Accumulate(t == 0 ? histogram : _partials[t - 1], leaf.Start + from, Math.Max(0, to - from), gradientHessians);
        });
        foreach (var partial in _partials)
        {
            histogram.Add(partial);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Accumulate(Histogram histogram, int start, int count, double[] gradientHessians)
    {
        histogram.Clear();
        if (count == 0)
        {
            return;
        }

        fixed (int* order = _order)
        fixed (double* gh = gradientHessians)
        {
            if (_narrowBins is not null)
            {
                fixed (ushort* binned = _narrowBins)
                {
                    AddRows((double*)histogram.Bins, binned, _bins.Features, order, gh, start, count);
                }
            }
            else
            {
                fixed (int* binned = _wideBins)
                {
                    AddRows((double*)histogram.Bins, binned, _bins.Features, order, gh, start, count);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void AddRows<TIndex>(double* histogram, TIndex* binned, int features, int* order, double* gh, int start, int count)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        // The hottest loop of training: raw pointers, no bounds checks (every bin index is within the
        // histogram by construction of the binner). A row adds (gradient, hessian, 1, 0) to one 32-byte bin
        // per feature with a single vector add.
        for (var i = start; i < start + count; i++)
        {
            var row = order[i];
            var add = Vector256.Create(Vector128.Load(gh + (2 * (nint)row)), Vector128.Create(1.0, 0));
            var rowBins = binned + ((long)row * features);
            var f = 0;
            for (; f + 4 <= features; f += 4)
            {
                // Four independent bins per iteration: the adds overlap instead of waiting on the loop.
                var bin0 = histogram + (nint.CreateTruncating(rowBins[f]) * 4);
                var bin1 = histogram + (nint.CreateTruncating(rowBins[f + 1]) * 4);
                var bin2 = histogram + (nint.CreateTruncating(rowBins[f + 2]) * 4);
                var bin3 = histogram + (nint.CreateTruncating(rowBins[f + 3]) * 4);
                Vector256.StoreAligned(Vector256.LoadAligned(bin0) + add, bin0);
                Vector256.StoreAligned(Vector256.LoadAligned(bin1) + add, bin1);
                Vector256.StoreAligned(Vector256.LoadAligned(bin2) + add, bin2);
                Vector256.StoreAligned(Vector256.LoadAligned(bin3) + add, bin3);
            }

            for (; f < features; f++)
            {
                var bin = histogram + (nint.CreateTruncating(rowBins[f]) * 4);
                Vector256.StoreAligned(Vector256.LoadAligned(bin) + add, bin);
            }
        }
    }

    private TIndex[] GlobalBins<TIndex>(BinnedRows bins)
        where TIndex : unmanaged, IBinaryInteger<TIndex>
    {
        var global = new TIndex[bins.Values.Length];
        for (var row = 0; row < bins.Rows; row++)
        {
            var start = (long)row * bins.Features;
            for (var f = 0; f < bins.Features; f++)
            {
                global[start + f] = TIndex.CreateTruncating(_offsets[f] + bins.Values[start + f]);
            }
        }

        return global;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe SplitCandidate FindBestSplit(OpenLeaf leaf, bool[] allowedFeatures)
    {
        var minLeaf = _options.MinSamplesLeaf;
        if (leaf.Count < 2 * minLeaf || leaf.Hessian < 2 * MinHessianToSplit)
        {
            return SplitCandidate.None;
        }

        var lambda = _options.L2;
        var parentScore = leaf.Gradient * leaf.Gradient / (leaf.Hessian + lambda);
        var best = SplitCandidate.None;
        var bins = leaf.Histogram!.Bins;
        for (var f = 0; f < _edges.Length; f++)
        {
            if (!allowedFeatures[f])
            {
                continue;
            }

            var featureBins = bins + _offsets[f];
            var lastBin = _offsets[f + 1] - _offsets[f] - 1;
            double gl = 0, hl = 0;
            var cl = 0;
            for (var b = 0; b < lastBin; b++)
            {
                var bin = featureBins + b;
                gl += bin->Gradient;
                hl += bin->Hessian;
                cl += (int)bin->Count;
                if (cl < minLeaf || hl < MinHessianToSplit)
                {
                    continue;
                }

                var cr = leaf.Count - cl;
                if (cr < minLeaf)
                {
                    break;
                }

                var gr = leaf.Gradient - gl;
                var hr = leaf.Hessian - hl;
                if (hr < MinHessianToSplit)
                {
                    continue;
                }

                var gain = (gl * gl / (hl + lambda)) + (gr * gr / (hr + lambda)) - parentScore;
                if (gain > best.Gain + 1e-12)
                {
                    best = new SplitCandidate(f, b, gain, gl, hl, cl);
                }
            }
        }

        return best;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private unsafe void Partition(OpenLeaf leaf, SplitCandidate split)
    {
        // Stable: both sides keep ascending row order, which keeps histogram building cache-friendly.
        // Branchless: every row is written to both sides and only the matching cursor advances, because
        // which side a row goes to is as unpredictable as the data. Writing order[left] while reading
        // order[i] is safe since left never passes i.
        var bin = split.Bin;
        var left = leaf.Start;
        var right = 0;
        fixed (byte* column = &_bins.ByFeature[(long)split.Feature * _bins.Rows])
        fixed (int* order = _order)
        fixed (int* scratch = _scratch)
        {
            for (var i = leaf.Start; i < leaf.Start + leaf.Count; i++)
            {
                var row = order[i];
                var goesLeft = column[row] <= bin ? 1 : 0;
                order[left] = row;
                scratch[right] = row;
                left += goesLeft;
                right += 1 - goesLeft;
            }
        }

        Array.Copy(_scratch, 0, _order, left, right);
    }

    private Histogram Rent() => _pool.Count > 0 ? _pool.Pop() : new Histogram(_totalBins);

    private void Return(Histogram histogram) => _pool.Push(histogram);

    private sealed record OpenLeaf(int Node, int Start, int Count, int Depth, Histogram? Histogram)
    {
        public double Gradient { get; init; }

        public double Hessian { get; init; }

        public SplitCandidate Best { get; init; } = SplitCandidate.None;
    }

    private readonly record struct TreeNodeBuilder(int Feature, int Bin, float Threshold, int Left, int Right)
    {
        public TreeNodeBuilder()
            : this(-1, -1, 0, -1, -1)
        {
        }
    }
}
