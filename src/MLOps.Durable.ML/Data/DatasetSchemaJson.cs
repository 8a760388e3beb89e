using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace MLOps.Durable.ML.Data;

/// <summary>Writes and reads the schema JSON format (README.md, "Schema JSON").</summary>
internal static class DatasetSchemaJson
{
    private static readonly string[] RootProperties = ["schemaVersion", "version", "contentHash", "target", "task", "columns"];
    private static readonly string[] ColumnProperties = ["name", "kind", "nullable", "min", "max", "categories"];

    public static string Write(DatasetSchema schema) => StableJson.Write(writer =>
    {
        writer.WriteStartObject();
        writer.WriteNumber("schemaVersion", DatasetSchema.FormatVersion);
        writer.WriteNumber("version", schema.Version);
        writer.WriteString("contentHash", ComputeContentHash(schema));
        WriteContent(writer, schema);
        writer.WriteEndObject();
    });

    public static string ComputeContentHash(DatasetSchema schema)
    {
        var canonical = StableJson.Write(
            writer =>
            {
                writer.WriteStartObject();
                WriteContent(writer, schema);
                writer.WriteEndObject();
            },
            indented: false);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    public static string TaskName(TaskKind task) => task switch
    {
        TaskKind.BinaryClassification => "binaryClassification",
        TaskKind.MulticlassClassification => "multiclassClassification",
        _ => "regression",
    };

    public static DatasetSchema Read(string json, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException error)
        {
            var detail = error.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new DataFormatException(sourceName, (error.LineNumber ?? 0) + 1, (error.BytePositionInLine ?? 0) + 1, $"invalid JSON: {detail}");
        }

        using (document)
        {
            var reader = new JsonFieldReader(sourceName);
            var root = document.RootElement;
            reader.ExpectObject(root, "$", RootProperties);
            var format = reader.RequiredInt(root, "schemaVersion", "$.schemaVersion");
            if (format != DatasetSchema.FormatVersion)
            {
                throw new DataFormatException(sourceName, "$.schemaVersion", $"{format} is not a supported format version; expected {DatasetSchema.FormatVersion}");
            }

            var version = reader.RequiredInt(root, "version", "$.version");
            if (version < 1)
            {
                throw new DataFormatException(sourceName, "$.version", $"{version}; expected a version number of 1 or more");
            }

            var columns = ReadColumns(reader, root);
            var target = reader.OptionalString(root, "target", "$.target");
            var task = ReadTask(reader, root);
            if (target is not null && !columns.Any(c => c.Name == target))
            {
                throw new DataFormatException(sourceName, "$.target", $"'{target}' is not one of the columns; expected one of: {string.Join(", ", columns.Select(c => c.Name))}");
            }

            if ((target is null) != (task is null))
            {
                throw new DataFormatException(sourceName, target is null ? "$.task" : "$.target", "target and task go together; expected both or neither");
            }

            var schema = new DatasetSchema(version, columns, target, task);
            var hash = reader.OptionalString(root, "contentHash", "$.contentHash");
            if (hash is not null && hash != schema.ContentHash)
            {
                throw new DataFormatException(
                    sourceName,
                    "$.contentHash",
                    $"'{hash}' does not match the content ({schema.ContentHash}); expected the hash of the content, so the file was changed after it was written (remove contentHash to accept the edit)");
            }

            return schema;
        }
    }

    private static void WriteContent(Utf8JsonWriter writer, DatasetSchema schema)
    {
        if (schema.Target is null)
        {
            writer.WriteNull("target");
            writer.WriteNull("task");
        }
        else
        {
            writer.WriteString("target", schema.Target);
            writer.WriteString("task", schema.Task is { } task ? TaskName(task) : null);
        }

        writer.WriteStartArray("columns");
        foreach (var column in schema.Columns)
        {
            writer.WriteStartObject();
            writer.WriteString("name", column.Name);
            writer.WriteString("kind", ValueText.Name(column.Kind));
            writer.WriteBoolean("nullable", column.Nullable);
            if (column.Kind == ColumnKind.Numeric)
            {
                writer.WriteNumberOrNull("min", column.Min);
                writer.WriteNumberOrNull("max", column.Max);
            }

            if (column.Kind == ColumnKind.Categorical)
            {
                if (column.Categories is null)
                {
                    writer.WriteNull("categories");
                }
                else
                {
                    writer.WriteStartArray("categories");
                    foreach (var category in column.Categories.Order(StringComparer.Ordinal))
                    {
                        writer.WriteStringValue(category);
                    }

                    writer.WriteEndArray();
                }
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static TaskKind? ReadTask(JsonFieldReader reader, JsonElement root)
    {
        var text = reader.OptionalString(root, "task", "$.task");
        return text switch
        {
            null => null,
            "binaryClassification" => TaskKind.BinaryClassification,
            "multiclassClassification" => TaskKind.MulticlassClassification,
            "regression" => TaskKind.Regression,
            _ => throw new DataFormatException(reader.SourceName, "$.task", $"'{text}' is not a task; expected binaryClassification, multiclassClassification or regression"),
        };
    }

    private static List<ColumnSchema> ReadColumns(JsonFieldReader reader, JsonElement root)
    {
        var array = reader.Required(root, "columns", "$.columns", JsonValueKind.Array, "an array of columns");
        var columns = new List<ColumnSchema>();
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            var path = $"$.columns[{index++}]";
            reader.ExpectObject(element, path, ColumnProperties);
            var name = reader.RequiredString(element, "name", path + ".name");
            if (string.IsNullOrWhiteSpace(name) || columns.Any(c => c.Name == name))
            {
                throw new DataFormatException(reader.SourceName, path + ".name", $"'{name}'; expected a non-empty name not used by an earlier column");
            }

            var kindText = reader.RequiredString(element, "kind", path + ".kind");
            ColumnKind kind = kindText switch
            {
                "numeric" => ColumnKind.Numeric,
                "categorical" => ColumnKind.Categorical,
                "boolean" => ColumnKind.Boolean,
                _ => throw new DataFormatException(reader.SourceName, path + ".kind", $"'{kindText}' is not a column kind; expected numeric, categorical or boolean"),
            };
            var nullable = reader.RequiredBool(element, "nullable", path + ".nullable");
            var min = reader.OptionalNumber(element, "min", path + ".min", kind == ColumnKind.Numeric);
            var max = reader.OptionalNumber(element, "max", path + ".max", kind == ColumnKind.Numeric);
            if (min > max)
            {
                throw new DataFormatException(reader.SourceName, path + ".min", $"{min} is greater than max {max}; expected min <= max");
            }

            var categories = reader.OptionalStringSet(element, "categories", path + ".categories", kind == ColumnKind.Categorical);
            columns.Add(new ColumnSchema(name, kind, nullable, min, max, categories));
        }

        return columns;
    }
}
