using System.Text;
using System.Text.Json;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.Pipelines.Serving;

/// <summary>
/// Prediction rows checked against a version's fields and turned into a frame, with each row's validated
/// values as compact JSON for the prediction log. Fields the model does not know are ignored (not scored, not
/// logged), so a caller may send whole records, target included.
/// </summary>
internal sealed class PredictionInput
{
    private PredictionInput(DataFrame frame, string[] inputsJson)
    {
        Frame = frame;
        InputsJson = inputsJson;
    }

    /// <summary>The rows as typed columns, one per field.</summary>
    public DataFrame Frame { get; }

    /// <summary>Each row's validated fields as a compact JSON object.</summary>
    public IReadOnlyList<string> InputsJson { get; }

    /// <summary>Checks every field of every row; throws one error naming all bad fields (up to <paramref name="maxErrors"/>).</summary>
    /// <exception cref="InvalidPredictionInputException">A row is not an object, or a field is missing or of the wrong type.</exception>
    public static PredictionInput Read(IReadOnlyList<ServingColumn> columns, IReadOnlyList<JsonElement> rows, int maxErrors)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var errors = new List<string>();
        var errorCount = 0;
        void Fail(string message)
        {
            if (errorCount++ < maxErrors)
            {
                errors.Add(message);
            }
        }

        var values = columns.Select(c => c.Kind switch
        {
            ColumnKind.Numeric => (Array)new double[rows.Count],
            ColumnKind.Boolean => new bool?[rows.Count],
            _ => new string?[rows.Count],
        }).ToArray();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i].ValueKind != JsonValueKind.Object)
            {
                Fail($"rows[{i}]: expected an object of field values, got {Describe(rows[i])}");
                continue;
            }

            for (var j = 0; j < columns.Count; j++)
            {
                if (Field(columns[j], rows[i], values[j], i) is { } problem)
                {
                    Fail($"rows[{i}].{columns[j].Name}: {problem}");
                }
            }
        }

        if (errorCount > 0)
        {
            throw new InvalidPredictionInputException(errors, errorCount);
        }

        var frame = new DataFrame(columns.Select((c, j) => values[j] switch
        {
            double[] numbers => (DataColumn)new NumericColumn(c.Name, numbers),
            bool?[] flags => new BooleanColumn(c.Name, flags),
            _ => new CategoricalColumn(c.Name, (string?[])values[j]),
        }));
        return new PredictionInput(frame, [.. Enumerable.Range(0, rows.Count).Select(i => RowJson(frame, i))]);
    }

    /// <summary>Stores the row's value for <paramref name="column"/>; a message ("expected ..., got ...") when it is bad.</summary>
    private static string? Field(ServingColumn column, JsonElement row, Array values, int index)
    {
        var present = row.TryGetProperty(column.Name, out var value) && value.ValueKind != JsonValueKind.Null;
        if (!present)
        {
            if (!column.Nullable)
            {
                return $"expected {Expected(column.Kind)} (the field is required), got {(row.TryGetProperty(column.Name, out _) ? "null" : "nothing")}";
            }

            if (values is double[] missing)
            {
                missing[index] = double.NaN;
            }

            return null;
        }

        switch (values)
        {
            case double[] numbers when value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var number) && double.IsFinite(number):
                numbers[index] = number;
                return null;
            case double[] when value.ValueKind == JsonValueKind.Number:
                return $"expected a finite number (a double), got {Shorten(value.GetRawText())}";
            case bool?[] flags when value.ValueKind is JsonValueKind.True or JsonValueKind.False:
                flags[index] = value.GetBoolean();
                return null;
            case string?[] labels when value.ValueKind == JsonValueKind.String:
                labels[index] = value.GetString();
                return null;
            default:
                return $"expected {Expected(column.Kind)}, got {Describe(value)}";
        }
    }

    private static string Expected(ColumnKind kind) => kind switch
    {
        ColumnKind.Numeric => "a number",
        ColumnKind.Boolean => "true or false",
        _ => "text",
    };

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"text {Shorten(value.GetRawText())}",
        JsonValueKind.Number => $"the number {Shorten(value.GetRawText())}",
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "an array",
        _ => "an object",
    };

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..37] + "...";

    private static string RowJson(DataFrame frame, int row)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var column in frame.Columns)
            {
                switch (column)
                {
                    case NumericColumn numeric when !numeric.IsMissing(row):
                        writer.WriteNumber(column.Name, numeric[row]);
                        break;
                    case BooleanColumn flag when flag[row] is { } value:
                        writer.WriteBoolean(column.Name, value);
                        break;
                    case CategoricalColumn label when label[row] is { } text:
                        writer.WriteString(column.Name, text);
                        break;
                    default:
                        writer.WriteNull(column.Name);
                        break;
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
