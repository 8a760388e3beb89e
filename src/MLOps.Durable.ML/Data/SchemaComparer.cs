using System.Globalization;

namespace MLOps.Durable.ML.Data;

/// <summary>Computes the differences between a pinned and a newer <see cref="DatasetSchema"/>.</summary>
internal static class SchemaComparer
{
    public static IReadOnlyList<SchemaDifference> Compare(DatasetSchema pinned, DatasetSchema actual)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(actual);
        var differences = new List<SchemaDifference>();
        if (pinned.Target != actual.Target)
        {
            differences.Add(new(SchemaDifferenceCode.TargetChanged, null, $"target: pinned {Show(pinned.Target)}, now {Show(actual.Target)}"));
        }

        if (pinned.Task != actual.Task)
        {
            differences.Add(new(SchemaDifferenceCode.TaskChanged, null, $"task: pinned {Show(pinned.Task)}, now {Show(actual.Task)}"));
        }

        foreach (var column in pinned.Columns)
        {
            if (actual.FindColumn(column.Name) is { } now)
            {
                CompareColumn(column, now, differences);
            }
            else
            {
                differences.Add(new(SchemaDifferenceCode.ColumnRemoved, column.Name, $"column '{column.Name}' ({ValueText.Name(column.Kind)}) is gone"));
            }
        }

        foreach (var column in actual.Columns.Where(c => pinned.FindColumn(c.Name) is null))
        {
            differences.Add(new(SchemaDifferenceCode.ColumnAdded, column.Name, $"column '{column.Name}' ({ValueText.Name(column.Kind)}) is new"));
        }

        return differences;
    }

    private static void CompareColumn(ColumnSchema pinned, ColumnSchema now, List<SchemaDifference> differences)
    {
        var name = pinned.Name;
        if (pinned.Kind != now.Kind)
        {
            differences.Add(new(SchemaDifferenceCode.KindChanged, name, $"column '{name}': kind pinned {ValueText.Name(pinned.Kind)}, now {ValueText.Name(now.Kind)}"));
            return;
        }

        if (pinned.Nullable != now.Nullable)
        {
            differences.Add(new(SchemaDifferenceCode.NullableChanged, name, $"column '{name}': nullable pinned {Show(pinned.Nullable)}, now {Show(now.Nullable)}"));
        }

        if (pinned.Min != now.Min || pinned.Max != now.Max)
        {
            differences.Add(new(
                SchemaDifferenceCode.RangeChanged,
                name,
                $"column '{name}': range pinned [{Show(pinned.Min)}, {Show(pinned.Max)}], now [{Show(now.Min)}, {Show(now.Max)}]"));
        }

        var before = pinned.Categories ?? [];
        var after = now.Categories ?? [];
        var added = after.Except(before, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var removed = before.Except(after, StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (added.Length > 0)
        {
            differences.Add(new(SchemaDifferenceCode.CategoriesAdded, name, $"column '{name}': new categories {Quote(added)}"));
        }

        if (removed.Length > 0)
        {
            differences.Add(new(SchemaDifferenceCode.CategoriesRemoved, name, $"column '{name}': categories no longer seen {Quote(removed)}"));
        }
    }

    private static string Quote(IEnumerable<string> values) => string.Join(", ", values.Select(v => $"'{v}'"));

    private static string Show(object? value) => value switch
    {
        null => "none",
        string text => $"'{text}'",
        bool flag => flag ? "true" : "false",
        double number => number.ToString("R", CultureInfo.InvariantCulture),
        TaskKind task => DatasetSchemaJson.TaskName(task),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "none",
    };
}
