using System.Globalization;
using System.Text;

namespace MLOps.Durable.ML.Data;

/// <summary>
/// Checks a frame against a pinned <see cref="DatasetSchema"/> and <see cref="ValidationLimits"/>. Bad values are
/// findings with row numbers, never exceptions; read CSV with <see cref="CsvReadOptions.WithSchema"/> (or use
/// <see cref="ValidateFile"/>) so values that do not fit a column's kind reach the validator as text.
/// </summary>
public static class DatasetValidator
{
    /// <summary>Validates <paramref name="frame"/>; findings come in a fixed order (dataset, schema columns, extra columns, rows, labels).</summary>
    public static ValidationReport Validate(DataFrame frame, DatasetSchema schema, ValidationLimits? limits = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        ArgumentNullException.ThrowIfNull(schema);
        limits ??= ValidationLimits.Default;
        limits.Validate();

        var findings = new List<ValidationFinding>();
        if (frame.RowCount < limits.MinRows)
        {
            findings.Add(new(ValidationCode.TooFewRows, FindingSeverity.Error, null, frame.RowCount, [], $"the data has {frame.RowCount} rows; expected at least {limits.MinRows}"));
        }

        foreach (var column in schema.Columns.Where(c => !frame.HasColumn(c.Name)))
        {
            findings.Add(new(ValidationCode.MissingColumn, FindingSeverity.Error, column.Name, 1, [], $"column '{column.Name}' ({ValueText.Name(column.Kind)}) is missing from the data"));
        }

        foreach (var column in schema.Columns.Where(c => frame.HasColumn(c.Name)))
        {
            ColumnValidator.Check(frame[column.Name], column, limits, findings);
        }

        foreach (var name in frame.ColumnNames.Where(n => schema.FindColumn(n) is null))
        {
            findings.Add(new(ValidationCode.ExtraColumn, FindingSeverity.Warning, name, 1, [], $"column '{name}' is not in the schema (version {schema.Version}); it will be ignored or should be added to a new schema version"));
        }

        CheckDuplicates(frame, limits, findings);
        if (schema.IsClassification && schema.Target is { } target && frame.TryGetColumn(target, out var labels))
        {
            CheckImbalance(labels, limits, findings);
        }

        return new ValidationReport(frame.RowCount, schema.Version, findings);
    }

    /// <summary>Reads the CSV file with the schema's column kinds (bad values kept as text) and validates it.</summary>
    /// <exception cref="DataFormatException">The file is not well-formed CSV (the report covers values, not syntax).</exception>
    public static ValidationReport ValidateFile(string path, DatasetSchema schema, ValidationLimits? limits = null, CsvReadOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var frame = CsvReader.ReadFile(path, (options ?? CsvReadOptions.Default).WithSchema(schema));
        return Validate(frame, schema, limits);
    }

    private static void CheckDuplicates(DataFrame frame, ValidationLimits limits, List<ValidationFinding> findings)
    {
        if (frame.RowCount == 0 || frame.Columns.Count == 0)
        {
            return;
        }

        var firstSeen = new Dictionary<string, int>(StringComparer.Ordinal);
        var duplicates = new List<int>();
        var example = string.Empty;
        var key = new StringBuilder();
        for (var row = 0; row < frame.RowCount; row++)
        {
            key.Clear();
            foreach (var column in frame.Columns)
            {
                // Unit separator between values and NUL for missing keep keys unambiguous for ordinary text.
                key.Append(column.FormatValue(row) ?? "\0").Append('\u001F');
            }

            if (!firstSeen.TryAdd(key.ToString(), row))
            {
                if (duplicates.Count == 0)
                {
                    example = $" (e.g. row {row + 1} repeats row {firstSeen[key.ToString()] + 1})";
                }

                duplicates.Add(row);
            }
        }

        var fraction = (double)duplicates.Count / frame.RowCount;
        var severity = fraction > limits.DuplicateRowFractionError ? FindingSeverity.Error
            : fraction > limits.DuplicateRowFractionWarning ? FindingSeverity.Warning
            : (FindingSeverity?)null;
        if (severity is { } level)
        {
            var limit = level == FindingSeverity.Error ? limits.DuplicateRowFractionError : limits.DuplicateRowFractionWarning;
            findings.Add(new(
                ValidationCode.DuplicateRows,
                level,
                null,
                duplicates.Count,
                Examples(duplicates),
                $"{duplicates.Count} of {frame.RowCount} rows ({Percent(fraction)}) repeat an earlier row{example}; expected at most {Percent(limit)}"));
        }
    }

    private static void CheckImbalance(DataColumn labels, ValidationLimits limits, List<ValidationFinding> findings)
    {
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        for (var row = 0; row < labels.Length; row++)
        {
            if (labels.FormatValue(row) is { } label)
            {
                counts[label] = counts.GetValueOrDefault(label) + 1;
            }
        }

        if (counts.Count < 2)
        {
            return;
        }

        var largest = counts.OrderByDescending(p => p.Value).First();
        var smallest = counts.OrderBy(p => p.Value).First();
        var ratio = (double)largest.Value / smallest.Value;
        var severity = ratio > limits.LabelImbalanceRatioError ? FindingSeverity.Error
            : ratio > limits.LabelImbalanceRatioWarning ? FindingSeverity.Warning
            : (FindingSeverity?)null;
        if (severity is { } level)
        {
            var limit = level == FindingSeverity.Error ? limits.LabelImbalanceRatioError : limits.LabelImbalanceRatioWarning;
            findings.Add(new(
                ValidationCode.LabelImbalance,
                level,
                labels.Name,
                smallest.Value,
                [],
                $"column '{labels.Name}': class '{largest.Key}' has {largest.Value} rows and class '{smallest.Key}' {smallest.Value} (ratio {ratio.ToString("0.##", CultureInfo.InvariantCulture)}); expected a ratio of at most {limit.ToString(CultureInfo.InvariantCulture)}"));
        }
    }

    internal static int[] Examples(List<int> rows) => [.. rows.Take(ValidationFinding.MaxExampleRows).Select(r => r + 1)];

    internal static string Percent(double fraction) => fraction.ToString("0.##%", CultureInfo.InvariantCulture);
}
