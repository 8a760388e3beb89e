using System.Text.Json;
using System.Text.Json.Nodes;
using MLOps.Durable.ML.Data;

namespace MLOps.Durable.Cli.Input;

/// <summary>
/// The rows of <c>mlops predict --input</c> as the JSON objects the predict route takes. CSV goes through the ML
/// project's reader (RFC 4180, a header): a column whose every value is a number is sent as numbers, true/false as
/// booleans, else as strings, and an empty cell as null, so the types match what training inferred from the same
/// kind of file. JSON: an array of objects, <c>{"rows": [...]}</c>, <c>{"row": {...}}</c> or one object.
/// Any problem with the file is a usage error that names it.
/// </summary>
internal static class PredictionRows
{
    public static JsonArray Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"predict --input: '{path}' does not exist (looked at {Path.GetFullPath(path)})");
        }

        var rows = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".csv" => FromCsv(path),
            ".json" => FromJson(path),
            var other => throw new UsageException($"predict --input: '{path}' has extension '{other}'; expected a .csv file with a header row or a .json file with the rows"),
        };
        return rows.Count > 0 ? rows : throw new UsageException($"predict --input: '{path}' holds no rows");
    }

    private static JsonArray FromCsv(string path)
    {
        DataFrame frame;
        try
        {
            frame = CsvReader.ReadFile(path);
        }
        catch (DataFormatException ex)
        {
            throw new UsageException($"predict --input: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"predict --input: cannot read '{path}': {ex.Message}", ex);
        }

        var rows = new JsonArray();
        for (var row = 0; row < frame.RowCount; row++)
        {
            var values = new JsonObject();
            foreach (var column in frame.Columns)
            {
                values[column.Name] = column switch
                {
                    _ when column.IsMissing(row) => null,
                    NumericColumn numeric => JsonValue.Create(numeric[row]),
                    BooleanColumn boolean => JsonValue.Create(boolean[row]),
                    _ => JsonValue.Create(column.FormatValue(row)),
                };
            }

            rows.Add(values);
        }

        return rows;
    }

    private static JsonArray FromJson(string path)
    {
        JsonNode? json;
        try
        {
            json = JsonNode.Parse(File.ReadAllText(path));
        }
        catch (JsonException ex)
        {
            throw new UsageException($"predict --input: '{path}' is not JSON: {ex.Message}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"predict --input: cannot read '{path}': {ex.Message}", ex);
        }

        var rows = json switch
        {
            JsonArray array => array,
            JsonObject o when o["rows"] is JsonArray array => array,
            JsonObject o when o["row"] is JsonObject one => new JsonArray(one.DeepClone()),
            JsonObject o when o["rows"] is null && o["row"] is null => new JsonArray(o.DeepClone()),
            _ => null,
        };
        if (rows is null || rows.Any(r => r is not JsonObject))
        {
            throw new UsageException($"predict --input: '{path}' must hold an array of row objects, {{\"rows\": [...]}}, {{\"row\": {{...}}}} or one row object");
        }

        return new JsonArray([.. rows.Select(r => r!.DeepClone())]);
    }
}
