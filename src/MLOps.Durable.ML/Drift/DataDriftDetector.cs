using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Drift;

/// <summary>
/// Compares current data with reference data column by column and decides whether each column and the
/// data set drifted, choosing the statistic per column with Evidently's default rules (README.md here).
/// </summary>
public static class DataDriftDetector
{
    /// <summary>Tests every column of <paramref name="reference"/> (or <see cref="DriftOptions.Columns"/>) against <paramref name="current"/>.</summary>
    /// <exception cref="ArgumentException">A column is missing from either frame, kinds differ, a method does not fit a column, or an option is out of range.</exception>
    public static DataDriftReport Detect(DataFrame reference, DataFrame current, DriftOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        options ??= new DriftOptions();
        options.Validate();

        var names = options.Columns ?? [.. reference.ColumnNames];
        RequireColumns(reference, names, "reference");
        RequireColumns(current, names, "current");
        RequireKnownColumns(options.ColumnMethods?.Keys, names, nameof(DriftOptions.ColumnMethods));
        RequireKnownColumns(options.ColumnThresholds?.Keys, names, nameof(DriftOptions.ColumnThresholds));

        var results = names.Select(name => DetectColumn(name, reference[name], current[name], options)).ToArray();
        var drifted = results.Count(r => r.Drifted);
        var share = results.Length == 0 ? 0.0 : (double)drifted / results.Length;
        return new DataDriftReport(results, drifted, share, options.DatasetDriftShare, results.Length > 0 && share >= options.DatasetDriftShare);
    }

    /// <summary>The method Evidently would choose by default for a column with these properties.</summary>
    public static DriftMethod ChooseMethod(ColumnKind kind, int referenceCount, int distinctCount, DriftOptions? options = null)
    {
        options ??= new DriftOptions();
        var categorical = kind != ColumnKind.Numeric || distinctCount <= options.MaxCategoricalDistinctValues;
        if (referenceCount <= options.LargeReferenceRows)
        {
            return !categorical ? DriftMethod.KolmogorovSmirnov
                : distinctCount <= 2 ? DriftMethod.ZTest
                : DriftMethod.ChiSquare;
        }

        return categorical ? DriftMethod.JensenShannon : DriftMethod.Wasserstein;
    }

    /// <summary>Whether <paramref name="method"/> reports a p-value (drift when below the threshold) rather than a distance.</summary>
    public static bool IsHypothesisTest(DriftMethod method) =>
        method is DriftMethod.KolmogorovSmirnov or DriftMethod.ChiSquare or DriftMethod.ZTest;

    private static ColumnDrift DetectColumn(string name, DataColumn reference, DataColumn current, DriftOptions options)
    {
        var sample = ColumnSample.Create(reference, current);
        var method = options.ColumnMethods is not null && options.ColumnMethods.TryGetValue(name, out var chosen)
            ? chosen
            : ChooseMethod(sample.Kind, sample.ReferenceCount, sample.DistinctCount, options);
        var isTest = IsHypothesisTest(method);
        var threshold = options.ColumnThresholds is not null && options.ColumnThresholds.TryGetValue(name, out var own)
            ? own
            : isTest ? options.PValueThreshold : options.DistanceThreshold;

        if (sample.ReferenceCount == 0 || sample.CurrentCount == 0)
        {
            // Nothing to compare: report the counts, no verdict.
            return new ColumnDrift(name, sample.Kind, method, double.NaN, null, threshold, false,
                sample.ReferenceCount, sample.CurrentCount, sample.ReferenceMissing, sample.CurrentMissing, []);
        }

        var result = sample.Run(method, name);
        var drifted = isTest ? result.PValue < threshold : result.Statistic >= threshold;
        return new ColumnDrift(name, sample.Kind, method, result.Statistic, result.PValue, threshold, drifted,
            sample.ReferenceCount, sample.CurrentCount, sample.ReferenceMissing, sample.CurrentMissing, sample.Histogram());
    }

    private static void RequireColumns(DataFrame frame, IReadOnlyList<string> names, string side)
    {
        var missing = names.Where(n => !frame.HasColumn(n)).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException(
                $"The {side} data has no column(s) {string.Join(", ", missing.Select(m => $"'{m}'"))}; expected every tested column. Columns: {string.Join(", ", frame.ColumnNames)}.");
        }
    }

    private static void RequireKnownColumns(IEnumerable<string>? keys, IReadOnlyList<string> names, string option)
    {
        var unknown = (keys ?? []).Where(k => !names.Contains(k, StringComparer.Ordinal)).ToArray();
        if (unknown.Length > 0)
        {
            throw new ArgumentException(
                $"{option} names column(s) {string.Join(", ", unknown.Select(u => $"'{u}'"))} that are not tested; expected one of {string.Join(", ", names)}.");
        }
    }
}
