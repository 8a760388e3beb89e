using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Cli.Api;

/// <summary>
/// Reading the host's answers for display without binding to its types: a missing or null field is empty text,
/// numbers print in invariant culture, times as UTC "yyyy-MM-dd HH:mm:ss".
/// </summary>
internal static class JsonAccess
{
    /// <summary>The non-null items of the array at <paramref name="name"/> (or of the node itself when name is null).</summary>
    public static IEnumerable<JsonNode> Items(this JsonNode? node, string? name = null) =>
        (name is null ? node : node?[name]) is JsonArray array ? array.OfType<JsonNode>() : [];

    public static string? String(this JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;

    public static double? Number(this JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.Number ? value.GetValue<double>() : null;

    public static bool Flag(this JsonNode? node, string name) =>
        node?[name] is JsonValue value && value.GetValueKind() == JsonValueKind.True;

    /// <summary>The field as one line of text: strings as they are, numbers compact, times in UTC, objects as JSON.</summary>
    public static string Text(this JsonNode? node, string name) => Show(node?[name]);

    public static string Show(JsonNode? value) => value switch
    {
        null => string.Empty,
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String when DateTimeOffset.TryParse(v.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var time) && v.GetValue<string>().Contains('T', StringComparison.Ordinal) =>
                time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => Format(v.GetValue<double>()),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            _ => string.Empty,
        },
        _ => value.ToJsonString(),
    };

    /// <summary>A metric or statistic: at most four decimals, invariant.</summary>
    public static string Format(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>An object's numbers as "name value, ..." (metrics), in the order the host wrote them.</summary>
    public static string Pairs(this JsonNode? node, string name) =>
        node?[name] is JsonObject pairs ? string.Join(", ", pairs.Select(p => $"{p.Key} {Show(p.Value)}")) : string.Empty;
}
