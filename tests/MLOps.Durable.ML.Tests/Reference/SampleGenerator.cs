using System.Text.Json.Nodes;

namespace MLOps.Durable.ML.Tests.Reference;

/// <summary>
/// Replays the reference script's generator: a 64-bit LCG whose top 53 bits are exact doubles, so C# and
/// Python produce bit-identical samples without storing them.
/// </summary>
internal static class SampleGenerator
{
    private const ulong Multiplier = 6364136223846793005;
    private const ulong Increment = 1442695040888963407;

    /// <summary>Sum of four uniforms minus 2, scaled, shifted and optionally floored to a grid.</summary>
    public static double[] Generate(JsonNode spec)
    {
        var state = spec["seed"]!.GetValue<ulong>();
        var count = spec["count"]!.GetValue<int>();
        var scale = spec["scale"]!.GetValue<double>();
        var shift = spec["shift"]!.GetValue<double>();
        var grid = spec["grid"]?.GetValue<double>() ?? 0.0;
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var total = 0.0;
            for (var k = 0; k < 4; k++)
            {
                total += Next(ref state);
            }

            var value = ((total - 2.0) * scale) + shift;
            values[i] = grid > 0 ? Math.Floor(value / grid) * grid : value;
        }

        return values;
    }

    /// <summary>Labels picked by cumulative weights.</summary>
    public static string[] GenerateLabels(JsonNode spec)
    {
        var state = spec["seed"]!.GetValue<ulong>();
        var count = spec["count"]!.GetValue<int>();
        var labels = spec["labels"]!.AsArray().Select(l => (string)l!).ToArray();
        var cumulative = spec["cumulative"]!.AsArray().Select(c => c!.GetValue<double>()).ToArray();
        var values = new string[count];
        for (var i = 0; i < count; i++)
        {
            var u = Next(ref state);
            values[i] = labels[Array.FindIndex(cumulative, edge => u < edge)];
        }

        return values;
    }

    private static double Next(ref ulong state)
    {
        unchecked
        {
            state = (state * Multiplier) + Increment;
        }

        return (state >> 11) / 9007199254740992.0;
    }
}
