using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// How registry values are stored: times as UTC ticks in INTEGER columns, parameters and metrics as JSON
/// objects with sorted keys, audit actions by their camelCase names.
/// </summary>
internal static class SqliteRegistryRows
{
    /// <summary>The version columns in the order <see cref="ReadVersion"/> expects.</summary>
    public const string VersionColumns =
        "Model, Version, RunId, Trainer, Parameters, Metrics, DatasetHash, SchemaVersion, SchemaHash, CodeVersion, PipelineName, " +
        "ModelJson, Onnx, CreatedAt";

    /// <summary>The alias columns in the order <see cref="ReadAlias"/> expects (after the model at 0).</summary>
    public const string AliasColumns = "Model, Alias, Version, TrafficPercent, SetAt, SetBy";

    /// <summary>The audit columns in the order <see cref="ReadAuditEntry"/> expects.</summary>
    public const string AuditColumns =
        "Sequence, Time, Actor, Action, Model, Version, Alias, PreviousVersion, TrafficPercent, Reason, Details";

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static string ParametersJson(IReadOnlyDictionary<string, string> parameters) =>
        JsonSerializer.Serialize(new SortedDictionary<string, string>(parameters.ToDictionary(), StringComparer.Ordinal));

    public static string MetricsJson(IReadOnlyDictionary<string, double> metrics) =>
        JsonSerializer.Serialize(new SortedDictionary<string, double>(metrics.ToDictionary(), StringComparer.Ordinal));

    public static ModelVersion ReadVersion(SqliteDataReader reader) =>
        new(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3), Time(reader.GetInt64(13)))
        {
            Parameters = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(4)) ?? [],
            Metrics = JsonSerializer.Deserialize<Dictionary<string, double>>(reader.GetString(5)) ?? [],
            Lineage = new ModelLineage(
                NullableString(reader, 6), reader.IsDBNull(7) ? null : reader.GetInt32(7), NullableString(reader, 8), NullableString(reader, 9), NullableString(reader, 10)),
            Artifacts = new ModelArtifacts(NullableString(reader, 11), NullableString(reader, 12)),
        };

    public static ModelAlias ReadAlias(SqliteDataReader reader) =>
        new(reader.GetString(1), reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetInt32(3), Time(reader.GetInt64(4)), reader.GetString(5));

    public static RegistryAuditEntry ReadAuditEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        Time(reader.GetInt64(1)),
        reader.GetString(2),
        RegistryRules.ParseAction(reader.GetString(3)),
        reader.GetString(4),
        reader.GetInt32(5),
        NullableString(reader, 6),
        reader.IsDBNull(7) ? null : reader.GetInt32(7),
        reader.IsDBNull(8) ? null : reader.GetInt32(8),
        NullableString(reader, 9),
        reader.GetString(10));

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
