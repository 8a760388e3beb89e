namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Settings for <see cref="DataDriftDetector"/>. The defaults are Evidently's: p-value tests for references
/// of at most 1000 rows (drift when p &lt; 0.05), distances above that (drift when ≥ 0.1), and dataset drift
/// when at least half of the columns drift.
/// </summary>
public sealed record DriftOptions
{
    /// <summary>Columns to test, in report order; null tests every column of the reference.</summary>
    public IReadOnlyList<string>? Columns { get; init; }

    /// <summary>Method per column name, replacing the default choice.</summary>
    public IReadOnlyDictionary<string, DriftMethod>? ColumnMethods { get; init; }

    /// <summary>Threshold per column name, replacing <see cref="PValueThreshold"/> or <see cref="DistanceThreshold"/>.</summary>
    public IReadOnlyDictionary<string, double>? ColumnThresholds { get; init; }

    /// <summary>Threshold of the p-value methods (KS, chi-square, z-test): drift when p &lt; this.</summary>
    public double PValueThreshold { get; init; } = 0.05;

    /// <summary>Threshold of the distance methods (Wasserstein, Jensen-Shannon, PSI): drift when the distance ≥ this.</summary>
    public double DistanceThreshold { get; init; } = 0.1;

    /// <summary>References with at most this many present values get p-value tests; larger ones get distances.</summary>
    public int LargeReferenceRows { get; init; } = 1000;

    /// <summary>Numeric columns with at most this many distinct values (reference and current pooled) are tested as categorical.</summary>
    public int MaxCategoricalDistinctValues { get; init; } = 5;

    /// <summary>The data set drifts when the share of drifted columns is at least this.</summary>
    public double DatasetDriftShare { get; init; } = 0.5;

    /// <summary>Throws when a setting is out of range, naming it.</summary>
    public void Validate()
    {
        RequireOpenUnit(PValueThreshold, nameof(PValueThreshold));
        if (!(DistanceThreshold >= 0) || !double.IsFinite(DistanceThreshold))
        {
            throw new ArgumentException($"{nameof(DistanceThreshold)} is {DistanceThreshold}; expected a finite number ≥ 0.", nameof(DistanceThreshold));
        }

        if (LargeReferenceRows < 1)
        {
            throw new ArgumentException($"{nameof(LargeReferenceRows)} is {LargeReferenceRows}; expected at least 1.", nameof(LargeReferenceRows));
        }

        if (MaxCategoricalDistinctValues < 2)
        {
            throw new ArgumentException($"{nameof(MaxCategoricalDistinctValues)} is {MaxCategoricalDistinctValues}; expected at least 2.", nameof(MaxCategoricalDistinctValues));
        }

        if (!(DatasetDriftShare > 0 && DatasetDriftShare <= 1))
        {
            throw new ArgumentException($"{nameof(DatasetDriftShare)} is {DatasetDriftShare}; expected a share in (0, 1].", nameof(DatasetDriftShare));
        }

        foreach (var (column, threshold) in ColumnThresholds ?? new Dictionary<string, double>())
        {
            if (!double.IsFinite(threshold) || threshold < 0)
            {
                throw new ArgumentException($"{nameof(ColumnThresholds)}['{column}'] is {threshold}; expected a finite number ≥ 0.", nameof(ColumnThresholds));
            }
        }
    }

    private static void RequireOpenUnit(double value, string name)
    {
        if (!(value > 0 && value < 1))
        {
            throw new ArgumentException($"{name} is {value}; expected a probability in (0, 1).", name);
        }
    }
}
