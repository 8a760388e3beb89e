using System.Text.Json;
using Microsoft.Data.Sqlite;
using MLOps.Durable.History;

namespace MLOps.Durable.Storage.Sqlite;

/// <summary>
/// How values are stored: times as UTC ticks in INTEGER columns (so range comparisons are numeric), history
/// events and messages as <see cref="HistorySerializer"/> JSON, failures as JSON of <see cref="FailureDetails"/>.
/// </summary>
internal static class SqliteRows
{
    /// <summary>The instance columns in the order <see cref="ReadInstance"/> expects.</summary>
    public const string InstanceColumns =
        "InstanceId, Name, ExecutionId, RuntimeStatus, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartTime, " +
        "Input, Output, CustomStatus, FailureDetails, ParentInstanceId, HistoryCount";

    /// <summary>The same columns with the payloads left out (read as NULL).</summary>
    public const string InstanceColumnsWithoutPayloads =
        "InstanceId, Name, ExecutionId, RuntimeStatus, CreatedAt, LastUpdatedAt, CompletedAt, ScheduledStartTime, " +
        "NULL, NULL, NULL, FailureDetails, ParentInstanceId, HistoryCount";

    public static long Ticks(DateTimeOffset value) => value.UtcTicks;

    public static long? Ticks(DateTimeOffset? value) => value?.UtcTicks;

    /// <summary>A message's visibility: 0 (always visible) when it has no <see cref="OrchestrationMessage.VisibleAt"/>.</summary>
    public static long VisibleAtTicks(DateTimeOffset? visibleAt) => visibleAt?.UtcTicks ?? 0;

    public static DateTimeOffset Time(long ticks) => new(ticks, TimeSpan.Zero);

    public static string? FailureJson(FailureDetails? failure) =>
        failure is null ? null : JsonSerializer.Serialize(failure, HistorySerializer.Options);

    public static OrchestrationInstance ReadInstance(SqliteDataReader reader) => new()
    {
        InstanceId = reader.GetString(0),
        Name = reader.GetString(1),
        ExecutionId = reader.GetString(2),
        RuntimeStatus = (OrchestrationRuntimeStatus)reader.GetInt32(3),
        CreatedAt = Time(reader.GetInt64(4)),
        LastUpdatedAt = Time(reader.GetInt64(5)),
        CompletedAt = reader.IsDBNull(6) ? null : Time(reader.GetInt64(6)),
        ScheduledStartTime = reader.IsDBNull(7) ? null : Time(reader.GetInt64(7)),
        SerializedInput = StringOrNull(reader, 8),
        SerializedOutput = StringOrNull(reader, 9),
        SerializedCustomStatus = StringOrNull(reader, 10),
        FailureDetails = reader.IsDBNull(11) ? null : JsonSerializer.Deserialize<FailureDetails>(reader.GetString(11), HistorySerializer.Options),
        ParentInstanceId = StringOrNull(reader, 12),
        HistoryCount = reader.GetInt32(13),
    };

    /// <summary>A message from <c>InstanceId, ExecutionId, VisibleAt, EventJson</c> starting at <paramref name="first"/>.</summary>
    public static OrchestrationMessage ReadMessage(SqliteDataReader reader, int first)
    {
        var visibleAt = reader.GetInt64(first + 2);
        return new OrchestrationMessage(
            reader.GetString(first),
            StringOrNull(reader, first + 1),
            HistorySerializer.Deserialize(reader.GetString(first + 3)),
            visibleAt == 0 ? null : Time(visibleAt));
    }

    public static string? StringOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
