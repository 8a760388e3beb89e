namespace MLOps.Durable.ML.Data;

/// <summary>The profile of one column.</summary>
/// <param name="Name">Column name.</param>
/// <param name="Kind">Column kind.</param>
/// <param name="Count">Number of present (non-missing) values, as pandas' describe counts.</param>
/// <param name="Missing">Number of missing values.</param>
/// <param name="Distinct">Number of distinct present values.</param>
/// <param name="Numeric">Statistics for numeric columns with at least one present value; otherwise null.</param>
/// <param name="TopCategories">Most frequent values of categorical and boolean columns (count descending, then value ordinal); empty for numeric.</param>
public sealed record ColumnProfile(
    string Name,
    ColumnKind Kind,
    int Count,
    int Missing,
    int Distinct,
    NumericSummary? Numeric,
    IReadOnlyList<CategoryCount> TopCategories)
{
    /// <summary>Profiles <paramref name="column"/>.</summary>
    public static ColumnProfile Create(DataColumn column, ProfileOptions options)
    {
        ArgumentNullException.ThrowIfNull(column);
        ArgumentNullException.ThrowIfNull(options);
        var missing = column.CountMissing();
        var count = column.Length - missing;
        if (column is NumericColumn numeric)
        {
            var present = numeric.PresentValues();
            var summary = present.Length == 0 ? null : NumericSummary.Create(present, options.HistogramBins);
            return new ColumnProfile(column.Name, column.Kind, count, missing, present.Distinct().Count(), summary, []);
        }

        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < column.Length; row++)
        {
            if (column.FormatValue(row) is { } value)
            {
                frequencies[value] = frequencies.GetValueOrDefault(value) + 1;
            }
        }

        var top = frequencies
            .OrderByDescending(p => p.Value)
            .ThenBy(p => p.Key, StringComparer.Ordinal)
            .Take(options.TopCategories)
            .Select(p => new CategoryCount(p.Key, p.Value))
            .ToArray();
        return new ColumnProfile(column.Name, column.Kind, count, missing, frequencies.Count, null, top);
    }
}
