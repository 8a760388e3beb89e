using System.Globalization;

namespace MLOps.Durable.ML.Data;

/// <summary>The per-column checks of <see cref="DatasetValidator"/>: kind, missing values, domain and constancy.</summary>
internal static class ColumnValidator
{
    public static void Check(DataColumn column, ColumnSchema schema, ValidationLimits limits, List<ValidationFinding> findings)
    {
        var name = schema.Name;
        var missing = new List<int>();
        var badType = new List<int>();
        var outOfRange = new List<int>();
        var unseen = new List<int>();
        var unseenValues = new SortedSet<string>(StringComparer.Ordinal);
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        string? firstBad = null;
        string? firstOutOfRange = null;
        var categories = schema.Categories is null ? null : new HashSet<string>(schema.Categories, StringComparer.Ordinal);

        for (var row = 0; row < column.Length; row++)
        {
            var text = column.FormatValue(row);
            if (text is null)
            {
                missing.Add(row);
                continue;
            }

            distinct.Add(text);
            if (!Fits(column, schema.Kind, text, out var number))
            {
                badType.Add(row);
                firstBad ??= text;
                continue;
            }

            if (schema.Kind == ColumnKind.Numeric && (number < schema.Min || number > schema.Max))
            {
                outOfRange.Add(row);
                firstOutOfRange ??= $"{text} in row {row + 1}";
            }

            if (categories is not null && !categories.Contains(text))
            {
                unseen.Add(row);
                unseenValues.Add(text);
            }
        }

        var kind = ValueText.Name(schema.Kind);
        if (badType.Count > 0)
        {
            findings.Add(new(ValidationCode.TypeMismatch, FindingSeverity.Error, name, badType.Count, DatasetValidator.Examples(badType),
                $"column '{name}': {badType.Count} values are not {kind} (e.g. '{firstBad}' in row {badType[0] + 1}); expected {Expected(schema.Kind)}"));
        }

        CheckMissing(column, schema, limits, missing, findings);
        var domainSeverity = limits.StrictDomains ? FindingSeverity.Error : FindingSeverity.Warning;
        if (outOfRange.Count > 0)
        {
            findings.Add(new(ValidationCode.OutOfRange, domainSeverity, name, outOfRange.Count, DatasetValidator.Examples(outOfRange),
                $"column '{name}': {outOfRange.Count} values outside [{Show(schema.Min, "-inf")}, {Show(schema.Max, "inf")}] (e.g. {firstOutOfRange}); expected values within the schema's range"));
        }

        if (unseen.Count > 0)
        {
            var sample = string.Join(", ", unseenValues.Take(5).Select(v => $"'{v}'"));
            findings.Add(new(ValidationCode.UnseenCategory, domainSeverity, name, unseen.Count, DatasetValidator.Examples(unseen),
                $"column '{name}': {unseen.Count} values with categories the schema does not have ({sample}); expected one of the {categories!.Count} schema categories"));
        }

        if (column.Length > 1 && distinct.Count <= 1)
        {
            var value = distinct.Count == 0 ? "only missing values" : $"the single value '{distinct.First()}'";
            findings.Add(new(ValidationCode.ConstantColumn, FindingSeverity.Warning, name, column.Length, [],
                $"column '{name}' has {value} in all {column.Length} rows; expected at least two distinct values for it to carry information"));
        }
    }

    private static void CheckMissing(DataColumn column, ColumnSchema schema, ValidationLimits limits, List<int> missing, List<ValidationFinding> findings)
    {
        if (missing.Count == 0)
        {
            return;
        }

        var name = schema.Name;
        var fraction = (double)missing.Count / column.Length;
        if (!schema.Nullable)
        {
            findings.Add(new(ValidationCode.NullInNonNullable, FindingSeverity.Error, name, missing.Count, DatasetValidator.Examples(missing),
                $"column '{name}': {missing.Count} missing values (first in row {missing[0] + 1}); expected none, the schema says it is not nullable"));
            return;
        }

        var severity = fraction > limits.MissingFractionError ? FindingSeverity.Error
            : fraction > limits.MissingFractionWarning ? FindingSeverity.Warning
            : (FindingSeverity?)null;
        if (severity is { } level)
        {
            var limit = level == FindingSeverity.Error ? limits.MissingFractionError : limits.MissingFractionWarning;
            findings.Add(new(ValidationCode.TooManyMissing, level, name, missing.Count, DatasetValidator.Examples(missing),
                $"column '{name}': {missing.Count} of {column.Length} values missing ({DatasetValidator.Percent(fraction)}); expected at most {DatasetValidator.Percent(limit)}"));
        }
    }

    /// <summary>Whether a present value fits the schema kind; numeric values come back in <paramref name="number"/>.</summary>
    private static bool Fits(DataColumn column, ColumnKind kind, string text, out double number)
    {
        number = double.NaN;
        return (kind, column.Kind) switch
        {
            (ColumnKind.Categorical, _) => true,
            (ColumnKind.Numeric, ColumnKind.Boolean) => false,
            (ColumnKind.Numeric, _) => ValueText.TryParseNumber(text, out number),
            (ColumnKind.Boolean, ColumnKind.Numeric) => false,
            (ColumnKind.Boolean, _) => ValueText.TryParseBoolean(text, out _),
            _ => true,
        };
    }

    private static string Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "finite numbers in invariant format such as 3.25",
        ColumnKind.Boolean => "true or false",
        _ => "text",
    };

    private static string Show(double? value, string unbounded) => value?.ToString("R", CultureInfo.InvariantCulture) ?? unbounded;
}
