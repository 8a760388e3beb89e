namespace MLOps.Durable.ML.Data;

/// <summary>
/// One named column of a <see cref="DataFrame"/>. Columns are immutable: operations that select rows
/// return new columns, so a frame can be shared between threads and stages.
/// </summary>
public abstract class DataColumn
{
    private protected DataColumn(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The column's name, as in the CSV header.</summary>
    public string Name { get; }

    /// <summary>What the column holds.</summary>
    public abstract ColumnKind Kind { get; }

    /// <summary>Number of rows.</summary>
    public abstract int Length { get; }

    /// <summary>Whether the value at <paramref name="row"/> is missing.</summary>
    public abstract bool IsMissing(int row);

    /// <summary>The value at <paramref name="row"/> as text (invariant culture), or null when missing.</summary>
    public abstract string? FormatValue(int row);

    /// <summary>A new column holding the given rows, in the given order (rows may repeat).</summary>
    public abstract DataColumn SelectRows(ReadOnlySpan<int> rows);

    /// <summary>The same values under another name.</summary>
    public abstract DataColumn Rename(string name);

    /// <summary>Number of missing values.</summary>
    public int CountMissing()
    {
        var missing = 0;
        for (var row = 0; row < Length; row++)
        {
            if (IsMissing(row))
            {
                missing++;
            }
        }

        return missing;
    }
}
