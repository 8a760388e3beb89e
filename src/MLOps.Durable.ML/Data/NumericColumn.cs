using System.Globalization;

namespace MLOps.Durable.ML.Data;

/// <summary>A column of real numbers; <see cref="double.NaN"/> marks a missing value.</summary>
public sealed class NumericColumn : DataColumn
{
    private readonly double[] _values;

    /// <summary>Creates a column that owns <paramref name="values"/> (the array must not be changed afterwards).</summary>
    public NumericColumn(string name, double[] values)
        : base(name)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;
    }

    /// <inheritdoc />
    public override ColumnKind Kind => ColumnKind.Numeric;

    /// <inheritdoc />
    public override int Length => _values.Length;

    /// <summary>The values; NaN where missing.</summary>
    public ReadOnlySpan<double> Values => _values;

    /// <summary>The value at <paramref name="row"/>; NaN when missing.</summary>
    public double this[int row] => _values[row];

    /// <inheritdoc />
    public override bool IsMissing(int row) => double.IsNaN(_values[row]);

    /// <inheritdoc />
    public override string? FormatValue(int row) =>
        IsMissing(row) ? null : _values[row].ToString("R", CultureInfo.InvariantCulture);

    /// <inheritdoc />
    public override DataColumn SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new double[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            selected[i] = _values[rows[i]];
        }

        return new NumericColumn(Name, selected);
    }

    /// <inheritdoc />
    public override DataColumn Rename(string name) => new NumericColumn(name, _values);

    /// <summary>The non-missing values, in row order.</summary>
    public double[] PresentValues()
    {
        var present = new List<double>(_values.Length);
        foreach (var value in _values)
        {
            if (!double.IsNaN(value))
            {
                present.Add(value);
            }
        }

        return [.. present];
    }
}
