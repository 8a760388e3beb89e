using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Drift;

/// <summary>Drift verdict for one column, with what was tested and the histogram to chart it.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Column kind.</param>
/// <param name="Method">The statistic used.</param>
/// <param name="Statistic">Its value (KS D, chi-square, z, normalized Wasserstein, JS distance or PSI); NaN when a side has no present values.</param>
/// <param name="PValue">The p-value for KS, chi-square and z-test; null for distances.</param>
/// <param name="Threshold">The threshold applied (to the p-value for tests, to the statistic for distances).</param>
/// <param name="Drifted">Whether the column drifted.</param>
/// <param name="ReferenceCount">Present (non-missing) reference values tested.</param>
/// <param name="CurrentCount">Present current values tested.</param>
/// <param name="ReferenceMissing">Missing reference values, excluded from the test.</param>
/// <param name="CurrentMissing">Missing current values, excluded from the test.</param>
/// <param name="Histogram">Reference and current counts per bin (Sturges bins for numeric columns with more than 20 reference values, else per value).</param>
public sealed record ColumnDrift(
    string Name,
    ColumnKind Kind,
    DriftMethod Method,
    double Statistic,
    double? PValue,
    double Threshold,
    bool Drifted,
    int ReferenceCount,
    int CurrentCount,
    int ReferenceMissing,
    int CurrentMissing,
    IReadOnlyList<HistogramBin> Histogram);
