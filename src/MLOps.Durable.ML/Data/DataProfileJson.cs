using System.Text.Json;

namespace MLOps.Durable.ML.Data;

/// <summary>Writes <see cref="DataProfile"/> as stable JSON.</summary>
internal static class DataProfileJson
{
    public static string Write(DataProfile profile) => StableJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("rowCount", profile.RowCount);
        writer.WriteString("standardDeviation", "sample (n - 1)");
        writer.WriteString("quantiles", "linear interpolation (numpy default)");
        writer.WriteStartArray("columns");
        foreach (var column in profile.Columns)
        {
            WriteColumn(writer, column);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    });

    private static void WriteColumn(Utf8JsonWriter writer, ColumnProfile column)
    {
        writer.WriteStartObject();
        writer.WriteString("name", column.Name);
        writer.WriteString("kind", ValueText.Name(column.Kind));
        writer.WriteNumber("count", column.Count);
        writer.WriteNumber("missing", column.Missing);
        writer.WriteNumber("distinct", column.Distinct);
        if (column.Numeric is { } numeric)
        {
            writer.WriteStartObject("numeric");
            writer.WriteNumberOrNull("min", numeric.Min);
            writer.WriteNumberOrNull("max", numeric.Max);
            writer.WriteNumberOrNull("mean", numeric.Mean);
            writer.WriteNumberOrNull("std", numeric.StandardDeviation);
            writer.WriteNumberOrNull("p5", numeric.P5);
            writer.WriteNumberOrNull("p25", numeric.P25);
            writer.WriteNumberOrNull("p50", numeric.P50);
            writer.WriteNumberOrNull("p75", numeric.P75);
            writer.WriteNumberOrNull("p95", numeric.P95);
            writer.WriteStartObject("histogram");
            writer.WriteStartArray("edges");
            foreach (var edge in numeric.Histogram.Edges)
            {
                writer.WriteNumberValue(edge);
            }

            writer.WriteEndArray();
            writer.WriteStartArray("counts");
            foreach (var count in numeric.Histogram.Counts)
            {
                writer.WriteNumberValue(count);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        else
        {
            writer.WriteNull("numeric");
        }

        writer.WriteStartArray("topCategories");
        foreach (var category in column.TopCategories)
        {
            writer.WriteStartObject();
            writer.WriteString("value", category.Value);
            writer.WriteNumber("count", category.Count);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
