namespace MLOps.Durable.ML.Data;

/// <summary>
/// The pinned shape of a dataset: its columns with kinds and domains, the target column and the task. Inferred
/// on first sight with <see cref="Infer"/>, stored as stable JSON (<see cref="ToJson"/>) with a version number and
/// a content hash, and compared with later data (<see cref="Compare(DataFrame)"/>). JSON format: see README.md.
/// </summary>
/// <param name="Version">The schema's own version number (1, 2, ...), raised by whoever pins a changed schema.</param>
/// <param name="Columns">The columns, in data order; names are unique.</param>
/// <param name="Target">The target (label) column, or null for unsupervised data.</param>
/// <param name="Task">The learning task; null exactly when <paramref name="Target"/> is null.</param>
public sealed record DatasetSchema(int Version, IReadOnlyList<ColumnSchema> Columns, string? Target = null, TaskKind? Task = null)
{
    /// <summary>The version of the JSON format written by <see cref="ToJson"/>.</summary>
    public const int FormatVersion = 1;

    /// <summary>
    /// <c>sha256:</c> and the lowercase hex SHA-256 of the compact canonical JSON of target, task and columns. The
    /// version number is left out, so two versions with the same content have the same hash.
    /// </summary>
    public string ContentHash => DatasetSchemaJson.ComputeContentHash(this);

    /// <summary>The column schema called <paramref name="name"/>, or null.</summary>
    public ColumnSchema? FindColumn(string name) => Columns.FirstOrDefault(c => c.Name == name);

    /// <summary>
    /// Infers a schema (version 1) from <paramref name="frame"/>: every column nullable if it has a missing value,
    /// ranges and categories as seen. The task is inferred from the target unless given: a categorical or boolean
    /// target with at most two labels, or a numeric one with exactly two distinct values, is binary classification;
    /// more labels are multiclass; any other numeric target is regression.
    /// </summary>
    public static DatasetSchema Infer(DataFrame frame, string? target = null, TaskKind? task = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var columns = frame.Columns.Select(ColumnSchema.Infer).ToArray();
        if (target is null)
        {
            if (task is not null)
            {
                throw new ArgumentException($"task: {task} was given without a target column; expected a target name too.", nameof(task));
            }

            return new DatasetSchema(1, columns);
        }

        if (!frame.TryGetColumn(target, out var targetColumn))
        {
            throw new ArgumentException(
                $"target: the data has no column '{target}'; expected one of: {string.Join(", ", frame.ColumnNames)}.", nameof(target));
        }

        return new DatasetSchema(1, columns, target, task ?? InferTask(targetColumn));
    }

    /// <summary>The task a target column implies (see <see cref="Infer"/>).</summary>
    public static TaskKind InferTask(DataColumn target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target is NumericColumn numeric)
        {
            return numeric.PresentValues().Distinct().Count() == 2 ? TaskKind.BinaryClassification : TaskKind.Regression;
        }

        var labels = Enumerable.Range(0, target.Length).Select(target.FormatValue).OfType<string>().Distinct(StringComparer.Ordinal).Count();
        return labels <= 2 ? TaskKind.BinaryClassification : TaskKind.MulticlassClassification;
    }

    /// <summary>Whether the task is a classification.</summary>
    public bool IsClassification => Task is TaskKind.BinaryClassification or TaskKind.MulticlassClassification;

    /// <summary>A copy with another version number.</summary>
    public DatasetSchema WithVersion(int version)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(version, 1);
        return this with { Version = version };
    }

    /// <summary>Stable JSON: fixed property order, invariant numbers, LF line breaks, same schema -> same bytes.</summary>
    public string ToJson() => DatasetSchemaJson.Write(this);

    /// <summary>Reads schema JSON; errors name <paramref name="sourceName"/>, the JSON path and what was expected.</summary>
    /// <exception cref="DataFormatException">The JSON is malformed, incomplete, or its content hash does not match.</exception>
    public static DatasetSchema FromJson(string json, string sourceName = "<schema>") => DatasetSchemaJson.Read(json, sourceName);

    /// <summary>Reads a schema JSON file.</summary>
    public static DatasetSchema Load(string path) => FromJson(File.ReadAllText(path), Path.GetFileName(path));

    /// <summary>Lists what differs from this (pinned) schema to <paramref name="other"/>, in column order; empty when equal.</summary>
    public IReadOnlyList<SchemaDifference> Compare(DatasetSchema other) => SchemaComparer.Compare(this, other);

    /// <summary>Infers a schema from <paramref name="frame"/> (same target and task) and compares it with this one.</summary>
    public IReadOnlyList<SchemaDifference> Compare(DataFrame frame)
    {
        ArgumentNullException.ThrowIfNull(frame);
        var target = Target is not null && frame.HasColumn(Target) ? Target : null;
        return Compare(Infer(frame, target, target is null ? null : Task));
    }
}
