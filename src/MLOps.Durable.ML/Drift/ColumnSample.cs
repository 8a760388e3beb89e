using System.Globalization;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Drift;

/// <summary>
/// The present values of one column on both sides, typed so the statistics can compare them: numbers
/// as doubles, categories as ordinal strings, booleans with false before true.
/// </summary>
internal abstract class ColumnSample
{
    public required ColumnKind Kind { get; init; }

    public required int ReferenceMissing { get; init; }

    public required int CurrentMissing { get; init; }

    public abstract int ReferenceCount { get; }

    public abstract int CurrentCount { get; }

    /// <summary>Distinct present values over both sides pooled.</summary>
    public abstract int DistinctCount { get; }

    public static ColumnSample Create(DataColumn reference, DataColumn current)
    {
        if (reference.Kind != current.Kind)
        {
            throw new ArgumentException(
                $"Column '{reference.Name}' is {reference.Kind} in the reference data but {current.Kind} in the current data; expected the same kind.");
        }

        return reference switch
        {
            NumericColumn numbers => new ColumnSample<double>(
                numbers.PresentValues(),
                ((NumericColumn)current).PresentValues(),
                Comparer<double>.Default,
                v => v.ToString("R", CultureInfo.InvariantCulture))
            {
                Kind = ColumnKind.Numeric,
                ReferenceMissing = reference.CountMissing(),
                CurrentMissing = current.CountMissing(),
            },
            CategoricalColumn labels => new ColumnSample<string>(
                Present(labels.Values),
                Present(((CategoricalColumn)current).Values),
                StringComparer.Ordinal,
                v => v)
            {
                Kind = ColumnKind.Categorical,
                ReferenceMissing = reference.CountMissing(),
                CurrentMissing = current.CountMissing(),
            },
            BooleanColumn flags => new ColumnSample<bool>(
                Present(flags.Values),
                Present(((BooleanColumn)current).Values),
                Comparer<bool>.Default,
                v => v ? "true" : "false")
            {
                Kind = ColumnKind.Boolean,
                ReferenceMissing = reference.CountMissing(),
                CurrentMissing = current.CountMissing(),
            },
            _ => throw new ArgumentException($"Column '{reference.Name}' has unsupported kind {reference.Kind}."),
        };
    }

    /// <summary>Runs <paramref name="method"/> on the present values.</summary>
    public abstract StatisticResult Run(DriftMethod method, string columnName);

    /// <summary>Reference and current counts per bin, for charts.</summary>
    public abstract IReadOnlyList<HistogramBin> Histogram();

    private static string[] Present(ReadOnlySpan<string?> values)
    {
        var present = new List<string>(values.Length);
        foreach (var value in values)
        {
            if (value is not null)
            {
                present.Add(value);
            }
        }

        return [.. present];
    }

    private static bool[] Present(ReadOnlySpan<bool?> values)
    {
        var present = new List<bool>(values.Length);
        foreach (var value in values)
        {
            if (value is { } flag)
            {
                present.Add(flag);
            }
        }

        return [.. present];
    }
}
