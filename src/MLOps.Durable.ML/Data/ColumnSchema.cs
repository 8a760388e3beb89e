namespace MLOps.Durable.ML.Data;

/// <summary>
/// What one column of a dataset may hold: its kind, whether it may be missing, and its domain (a numeric range or
/// the allowed categories). A null <see cref="Min"/>, <see cref="Max"/> or <see cref="Categories"/> means "not checked".
/// </summary>
/// <param name="Name">The column name, as in the CSV header.</param>
/// <param name="Kind">The column kind.</param>
/// <param name="Nullable">Whether missing values are allowed.</param>
/// <param name="Min">Smallest allowed value (numeric columns only).</param>
/// <param name="Max">Largest allowed value (numeric columns only).</param>
/// <param name="Categories">The allowed labels in ordinal order (categorical columns only).</param>
public sealed record ColumnSchema(
    string Name,
    ColumnKind Kind,
    bool Nullable,
    double? Min = null,
    double? Max = null,
    IReadOnlyList<string>? Categories = null)
{
    /// <summary>The schema of <paramref name="column"/> as seen: nullable if it has a missing value, domain = values seen.</summary>
    public static ColumnSchema Infer(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var nullable = column.CountMissing() > 0;
        switch (column)
        {
            case NumericColumn numeric:
                var present = numeric.PresentValues();
                return present.Length == 0
                    ? new ColumnSchema(column.Name, ColumnKind.Numeric, nullable)
                    : new ColumnSchema(column.Name, ColumnKind.Numeric, nullable, present.Min(), present.Max());
            case CategoricalColumn categorical:
                return new ColumnSchema(column.Name, ColumnKind.Categorical, nullable, Categories: categorical.Levels());
            default:
                return new ColumnSchema(column.Name, column.Kind, nullable);
        }
    }
}
