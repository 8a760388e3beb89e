using System.Globalization;
using System.Text.Json.Nodes;

namespace MLOps.Durable.ML.Tests.Reference;

/// <summary>Reads metrics_drift_reference.json, produced by metrics_drift_reference.py with scikit-learn and SciPy.</summary>
internal static class ReferenceData
{
    private static readonly Lazy<JsonNode> Document = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "metrics_drift_reference.json")))!);

    public static JsonNode Root => Document.Value;

    public static JsonArray Section(string name) => Root[name]!.AsArray();

    public static JsonNode Case(string section, string name) =>
        Section(section).Single(c => (string)c!["name"]! == name)!;

    public static TheoryData<string> CaseNames(string section)
    {
        var names = new TheoryData<string>();
        foreach (var node in Section(section))
        {
            names.Add((string)node!["name"]!);
        }

        return names;
    }

    /// <summary>A number, or a NaN/infinity written as text.</summary>
    public static double Number(JsonNode? node) => node switch
    {
        null => double.NaN,
        JsonValue value when value.TryGetValue<string>(out var text) => double.Parse(text, CultureInfo.InvariantCulture),
        _ => node.GetValue<double>(),
    };

    public static double? NullableNumber(JsonNode? node) => node is null ? null : Number(node);

    public static double[] Numbers(JsonNode node) => [.. node.AsArray().Select(Number)];

    public static int[] Integers(JsonNode node) => [.. node.AsArray().Select(n => n!.GetValue<int>())];

    /// <summary>A sample stored inline (an array) or as a generator spec (an object).</summary>
    public static double[] Sample(JsonNode node) => node is JsonArray ? Numbers(node) : SampleGenerator.Generate(node);
}
