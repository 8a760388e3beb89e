using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Drift;

/// <summary>A <see cref="ColumnSample"/> holding values of one comparable type.</summary>
internal sealed class ColumnSample<T> : ColumnSample
    where T : notnull
{
    private readonly T[] _reference;
    private readonly T[] _current;
    private readonly IComparer<T> _comparer;
    private readonly Func<T, string> _format;

    public ColumnSample(T[] reference, T[] current, IComparer<T> comparer, Func<T, string> format)
    {
        _reference = reference;
        _current = current;
        _comparer = comparer;
        _format = format;
        var distinct = new SortedSet<T>(reference, comparer);
        distinct.UnionWith(current);
        DistinctCount = distinct.Count;
    }

    public override int ReferenceCount => _reference.Length;

    public override int CurrentCount => _current.Length;

    public override int DistinctCount { get; }

    public override StatisticResult Run(DriftMethod method, string columnName) => method switch
    {
        DriftMethod.KolmogorovSmirnov => ToStatistic(KolmogorovSmirnovTest.Run(Numbers(_reference, method, columnName), Numbers(_current, method, columnName))),
        DriftMethod.ChiSquare => ChiSquareTest.Run<T>(_reference, _current, _comparer),
        DriftMethod.ZTest => ProportionZTest.Run<T>(_reference, _current, _comparer),
        DriftMethod.Wasserstein => WassersteinDistance.Normalized(Numbers(_reference, method, columnName), Numbers(_current, method, columnName)),
        DriftMethod.JensenShannon => JensenShannonDistance.FromShares(Binned()),
        DriftMethod.Psi => PopulationStabilityIndex.FromShares(Binned()),
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown drift method."),
    };

    public override IReadOnlyList<HistogramBin> Histogram() => Binned().Bins;

    private static StatisticResult ToStatistic(KolmogorovSmirnovResult result) => new(result.Statistic, result.PValue);

    private BinnedDistribution Binned() => Kind == ColumnKind.Numeric
        ? BinnedDistribution.FromNumbers(Numbers(_reference, DriftMethod.JensenShannon, string.Empty), Numbers(_current, DriftMethod.JensenShannon, string.Empty))
        : BinnedDistribution.FromCategories<T>(_reference, _current, _comparer, _format);

    private double[] Numbers(T[] values, DriftMethod method, string columnName) =>
        values as double[] ?? throw new ArgumentException(
            $"Column '{columnName}' is {Kind}; method {method} needs a numeric column (use ChiSquare, ZTest, JensenShannon or Psi).");
}
