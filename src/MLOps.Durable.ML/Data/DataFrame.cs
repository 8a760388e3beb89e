namespace MLOps.Durable.ML.Data;

/// <summary>
/// An immutable table held column by column. Column names are unique (ordinal, case-sensitive, as in
/// the CSV header) and every column has <see cref="RowCount"/> rows.
/// </summary>
public sealed class DataFrame
{
    private readonly DataColumn[] _columns;
    private readonly Dictionary<string, int> _indexByName;

    /// <summary>Creates a frame from columns of equal length with unique names.</summary>
    public DataFrame(IEnumerable<DataColumn> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        _columns = [.. columns];
        _indexByName = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < _columns.Length; i++)
        {
            var column = _columns[i] ?? throw new ArgumentException($"Column {i} is null.", nameof(columns));
            if (!_indexByName.TryAdd(column.Name, i))
            {
                throw new ArgumentException($"Column '{column.Name}' appears more than once.", nameof(columns));
            }

            if (column.Length != _columns[0].Length)
            {
                throw new ArgumentException(
                    $"Column '{column.Name}' has {column.Length} rows; column '{_columns[0].Name}' has {_columns[0].Length}.",
                    nameof(columns));
            }
        }

        RowCount = _columns.Length == 0 ? 0 : _columns[0].Length;
    }

    /// <summary>Number of rows.</summary>
    public int RowCount { get; }

    /// <summary>The columns in order.</summary>
    public IReadOnlyList<DataColumn> Columns => _columns;

    /// <summary>The column names in order.</summary>
    public IEnumerable<string> ColumnNames => _columns.Select(c => c.Name);

    /// <summary>The column called <paramref name="name"/>.</summary>
    /// <exception cref="KeyNotFoundException">No such column; the message lists the columns there are.</exception>
    public DataColumn this[string name] =>
        TryGetColumn(name, out var column)
            ? column
            : throw new KeyNotFoundException(
                $"The data has no column '{name}'. Columns: {string.Join(", ", ColumnNames)}.");

    /// <summary>Finds a column by name.</summary>
    public bool TryGetColumn(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out DataColumn? column)
    {
        if (_indexByName.TryGetValue(name, out var index))
        {
            column = _columns[index];
            return true;
        }

        column = null;
        return false;
    }

    /// <summary>Whether the frame has a column called <paramref name="name"/>.</summary>
    public bool HasColumn(string name) => _indexByName.ContainsKey(name);

    /// <summary>A new frame with the given rows, in the given order.</summary>
    public DataFrame SelectRows(ReadOnlySpan<int> rows)
    {
        var selected = new DataColumn[_columns.Length];
        for (var i = 0; i < _columns.Length; i++)
        {
            selected[i] = _columns[i].SelectRows(rows);
        }

        return new DataFrame(selected);
    }

    /// <summary>A new frame without the named columns (names that are not there are ignored).</summary>
    public DataFrame WithoutColumns(params IEnumerable<string> names)
    {
        var drop = new HashSet<string>(names, StringComparer.Ordinal);
        return new DataFrame(_columns.Where(c => !drop.Contains(c.Name)));
    }

    /// <summary>A new frame with <paramref name="column"/> added, or replacing the column of the same name.</summary>
    public DataFrame WithColumn(DataColumn column)
    {
        ArgumentNullException.ThrowIfNull(column);
        var columns = _columns.ToList();
        var index = columns.FindIndex(c => c.Name == column.Name);
        if (index >= 0)
        {
            columns[index] = column;
        }
        else
        {
            columns.Add(column);
        }

        return new DataFrame(columns);
    }
}
