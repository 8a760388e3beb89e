using System.Text.Json;

namespace MLOps.Durable.ML.Tests.Training;

/// <summary>scikit-learn's coefficients on the shared datasets (Reference/linear_models_reference.py writes them).</summary>
internal static class LinearReference
{
    private static readonly Lazy<JsonElement> Expected = new(() =>
        JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "linear_models_expected.json"))).RootElement);

    public static JsonElement For(string dataset) => Expected.Value.GetProperty(dataset);

    public static double[] Doubles(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetDouble())];

    public static string[] Strings(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    public static double[][] Matrix(JsonElement array) => [.. array.EnumerateArray().Select(Doubles)];
}
