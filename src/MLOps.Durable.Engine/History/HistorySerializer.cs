using System.Text.Json;
using System.Text.Json.Serialization;

namespace MLOps.Durable.History;

/// <summary>
/// The JSON form of history events used by stores and by the recorded-history files of the replay tests:
/// camelCase properties with an <c>eventType</c> discriminator.
/// </summary>
public static class HistorySerializer
{
    /// <summary>The options for history JSON.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>One event as JSON.</summary>
    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    /// <summary>One event from JSON.</summary>
    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options) ?? throw new JsonException("A history event cannot be null.");

    /// <summary>A whole history as a JSON array.</summary>
    public static string SerializeMany(IEnumerable<HistoryEvent> history) => JsonSerializer.Serialize(history, Options);

    /// <summary>A whole history from a JSON array.</summary>
    public static IReadOnlyList<HistoryEvent> DeserializeMany(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, Options) ?? [];
}
