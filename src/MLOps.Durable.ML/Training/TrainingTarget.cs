using System.Globalization;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.ML.Training;

/// <summary>
/// The label a trainer fits: class indexes into <see cref="Classes"/> for classification, numbers for
/// regression. Classes are ordered ordinally as text, or numerically when the target column is numeric.
/// </summary>
public sealed class TrainingTarget
{
    private TrainingTarget(string name, TaskKind task, IReadOnlyList<string> classes, int[] classIndexes, double[] values)
    {
        Name = name;
        Task = task;
        Classes = classes;
        ClassIndexes = classIndexes;
        Values = values;
    }

    /// <summary>The target column.</summary>
    public string Name { get; }

    /// <summary>Classification (binary or multiclass) or regression.</summary>
    public TaskKind Task { get; }

    /// <summary>The class labels; empty for regression.</summary>
    public IReadOnlyList<string> Classes { get; }

    /// <summary>Per row, the index of its class; empty for regression.</summary>
    public int[] ClassIndexes { get; }

    /// <summary>Per row, the value to predict; empty for classification.</summary>
    public double[] Values { get; }

    /// <summary>Whether the task is a classification.</summary>
    public bool IsClassification => Task != TaskKind.Regression;

    /// <summary>
    /// Reads the target column. Categorical and boolean targets are classification; numeric targets are
    /// regression unless <paramref name="classification"/> says otherwise.
    /// </summary>
    /// <exception cref="ArgumentException">The column is missing, has missing values, or has fewer than two classes.</exception>
    public static TrainingTarget From(DataFrame frame, string target, bool? classification = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        if (!frame.TryGetColumn(target, out var column))
        {
            throw new ArgumentException(
                $"Target column '{target}' is not in the data. Columns: {string.Join(", ", frame.ColumnNames)}.", nameof(target));
        }

        var missing = Enumerable.Range(0, column.Length).Where(column.IsMissing).Take(5).Select(r => r + 1).ToList();
        if (missing.Count > 0)
        {
            throw new ArgumentException(
                $"Target column '{target}' has {column.CountMissing()} missing values (data rows {string.Join(", ", missing)}...); drop or fill them before training.",
                nameof(frame));
        }

        var isClassification = classification ?? column.Kind != ColumnKind.Numeric;
        if (!isClassification)
        {
            if (column is not NumericColumn numeric)
            {
                throw new ArgumentException($"Target column '{target}' is {column.Kind.ToString().ToLowerInvariant()}; regression needs numbers.", nameof(frame));
            }

            return new TrainingTarget(target, TaskKind.Regression, [], [], numeric.Values.ToArray());
        }

        var labels = Enumerable.Range(0, column.Length).Select(r => column.FormatValue(r)!).ToArray();
        var classes = column is NumericColumn
            ? labels.Distinct(StringComparer.Ordinal).OrderBy(l => double.Parse(l, CultureInfo.InvariantCulture)).ToArray()
            : labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (classes.Length < 2)
        {
            throw new ArgumentException(
                $"Target column '{target}' has only one class ('{classes.FirstOrDefault()}'); classification needs at least two.", nameof(frame));
        }

        var index = classes.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var task = classes.Length == 2 ? TaskKind.BinaryClassification : TaskKind.MulticlassClassification;
        return new TrainingTarget(target, task, classes, [.. labels.Select(l => index[l])], []);
    }

    /// <summary>The same target restricted to the given rows.</summary>
    public TrainingTarget SelectRows(ReadOnlySpan<int> rows)
    {
        var classIndexes = ClassIndexes.Length == 0 ? [] : new int[rows.Length];
        var values = Values.Length == 0 ? [] : new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            if (classIndexes.Length > 0)
            {
                classIndexes[i] = ClassIndexes[rows[i]];
            }

            if (values.Length > 0)
            {
                values[i] = Values[rows[i]];
            }
        }

        return new TrainingTarget(Name, Task, Classes, classIndexes, values);
    }
}
