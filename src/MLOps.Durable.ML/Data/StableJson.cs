using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace MLOps.Durable.ML.Data;

/// <summary>
/// Writes JSON that is byte-identical for equal input: the caller fixes the property order, numbers use the
/// shortest round-trip invariant form, indentation is two spaces and lines end with LF on every platform.
/// </summary>
internal static class StableJson
{
    private static readonly JsonWriterOptions Indented = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions Compact = new()
    {
        Indented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Runs <paramref name="write"/> against a writer and returns the text, with a trailing LF when indented.</summary>
    public static string Write(Action<Utf8JsonWriter> write, bool indented = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, indented ? Indented : Compact))
        {
            write(writer);
        }

        var text = Encoding.UTF8.GetString(buffer.ToArray());
        return indented ? text + "\n" : text;
    }

    /// <summary>Writes a number, or null when it is missing or not finite (JSON has no NaN or infinity).</summary>
    public static void WriteNumberOrNull(this Utf8JsonWriter writer, string name, double? value)
    {
        if (value is { } number && double.IsFinite(number))
        {
            writer.WriteNumber(name, number);
        }
        else
        {
            writer.WriteNull(name);
        }
    }
}
