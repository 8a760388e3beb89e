namespace MLOps.Durable.ML.Data;

/// <summary>A column of true/false values; null marks a missing value.</summary>
public sealed class BooleanColumn : DataColumn
{
    private readonly bool?[] _values;

    /// <summary>Creates a column that owns <paramref name="values"/> (the array must not be changed afterwards).</summary>
    public BooleanColumn(string name, bool?[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Boolean;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The values; null where missing.</summary>
    public ReadOnlySpan<bool?> Values => _values;

    /// <summary>The value at <paramref name="row"/>; null when missing.</summary>
    public bool? this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => _values[row] is null;

    /// <inheritdoc />
    public override string? FormatValue(int row) => _values[row] switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    /// <inheritdoc />
    public override DataColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new bool?[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            selected[i] = _values[rows[i]];
        }

        return new BooleanColumn(Name, selected);
    }

    /// <inheritdoc />
    public override DataColumn Rename(string name) => new BooleanColumn(name, _values);
}
