using System.Text.Json;

namespace MLOps.Durable.ML.Data;

/// <summary>Reads typed properties from a parsed JSON document, failing with the JSON path and what was expected.</summary>
internal sealed class JsonFieldReader(string sourceName)
{
    public string SourceName { get; } = sourceName;

    public void ExpectObject(JsonElement element, string path, IReadOnlyCollection<string> known)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(path, $"{Describe(element)}; expected an object");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!known.Contains(property.Name))
            {
                throw Error($"{path}.{property.Name}", $"unknown property; expected one of: {string.Join(", ", known)}");
            }
        }
    }

    public JsonElement Required(JsonElement parent, string name, string path, JsonValueKind kind, string expected)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(path, $"missing; expected {expected}");
        }

        return value.ValueKind == kind ? value : throw Error(path, $"{Describe(value)}; expected {expected}");
    }

    public int RequiredInt(JsonElement parent, string name, string path)
    {
        var value = Required(parent, name, path, JsonValueKind.Number, "an integer");
        return value.TryGetInt32(out var number) ? number : throw Error(path, $"{value.GetRawText()}; expected an integer");
    }

    public string RequiredString(JsonElement parent, string name, string path) =>
        Required(parent, name, path, JsonValueKind.String, "a string").GetString()!;

    public bool RequiredBool(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value))
        {
            throw Error(path, "missing; expected true or false");
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Error(path, $"{Describe(value)}; expected true or false"),
        };
    }

    public string? OptionalString(JsonElement parent, string name, string path)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Error(path, $"{Describe(value)}; expected a string or null");
    }

    public double? OptionalNumber(JsonElement parent, string name, string path, bool allowed)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!allowed)
        {
            throw Error(path, "only numeric columns have a range; expected no such property");
        }

        return value.ValueKind == JsonValueKind.Number ? value.GetDouble() : throw Error(path, $"{Describe(value)}; expected a number or null");
    }

    public string[]? OptionalStringSet(JsonElement parent, string name, string path, bool allowed)
    {
        if (!parent.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (!allowed)
        {
            throw Error(path, "only categorical columns have categories; expected no such property");
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Error(path, $"{Describe(value)}; expected an array of strings or null");
        }

        var items = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            var itemPath = $"{path}[{index++}]";
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Error(itemPath, $"{Describe(item)}; expected a string");
            }

            var text = item.GetString()!;
            if (items.Contains(text, StringComparer.Ordinal))
            {
                throw Error(itemPath, $"'{text}' appears twice; expected unique categories");
            }

            items.Add(text);
        }

        return [.. items.Order(StringComparer.Ordinal)];
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"'{value.GetString()}'",
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ => value.GetRawText(),
    };

    private DataFormatException Error(string path, string detail) => new(SourceName, path, detail);
}
