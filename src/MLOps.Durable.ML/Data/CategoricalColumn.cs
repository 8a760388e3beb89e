namespace MLOps.Durable.ML.Data;

/// <summary>A column of labels; null marks a missing value. Labels compare ordinally (case-sensitive).</summary>
public sealed class CategoricalColumn : DataColumn
{
    private readonly string?[] _values;

    /// <summary>Creates a column that owns <paramref name="values"/> (the array must not be changed afterwards).</summary>
    public CategoricalColumn(string name, string?[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Categorical;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The values; null where missing.</summary>
    public ReadOnlySpan<string?> Values => _values;

    /// <summary>The value at <paramref name="row"/>; null when missing.</summary>
    public string? this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override string? FormatValue(int row) => _values[row];

    /// <inheritdoc />
    public override DataColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new string?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            selected[i] = _values[rows[i]];
        }

        return new CategoricalColumn(Name, selected);
    }

    /// <inheritdoc />
    public override DataColumn Rename(string name) => new CategoricalColumn(name, _values);

    /// <summary>The distinct present labels in ordinal order.</summary>
    public string[] Levels()
    {
        var levels = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var value in _values)
        {
            if (value is not null)
            {
                levels.Add(value);
            }
        }

        return [.. levels];
    }
}
