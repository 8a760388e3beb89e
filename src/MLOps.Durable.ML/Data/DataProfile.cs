namespace MLOps.Durable.ML.Data;

/// <summary>
/// Descriptive statistics of every column of a frame, for reports and as the reference for drift checks.
/// <see cref="ToJson"/> is stable: the same frame gives byte-identical JSON (fixed property order, invariant numbers).
/// </summary>
/// <param name="RowCount">Rows profiled.</param>
/// <param name="Columns">One profile per column, in frame order.</param>
public sealed record DataProfile(int RowCount, IReadOnlyList<ColumnProfile> Columns)
{
    /// <summary>Profiles every column of <paramref name="frame"/>.</summary>
    public static DataProfile Create(DataFrame frame, ProfileOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        options ??= ProfileOptions.Default;
        options.Validate();
        return new DataProfile(frame.RowCount, [.. frame.Columns.Select(c => ColumnProfile.Create(c, options))]);
    }

    /// <summary>The profile of the column called <paramref name="name"/>.</summary>
    public ColumnProfile this[string name] =>
        Columns.FirstOrDefault(c => c.Name == name)
        ?? throw new KeyNotFoundException($"The profile has no column '{name}'. Columns: {string.Join(", ", Columns.Select(c => c.Name))}.");

    /// <summary>Stable JSON; README.md describes the fields.</summary>
    public string ToJson() => DataProfileJson.Write(this);
}
