using System.Text.Json;

namespace MLOps.Durable.Serialization;

/// <summary>The default converter: System.Text.Json with web defaults (camelCase, case-insensitive reads).</summary>
public sealed class JsonDataConverter(JsonSerializerOptions? options = null) : DataConverter
{
    /// <summary>The options history payloads are written with.</summary>
    public static readonly JsonSerializerOptions DefaultOptions = new(JsonSerializerDefaults.Web);

    /// <summary>A shared instance with <see cref="DefaultOptions"/>.</summary>
    public static readonly JsonDataConverter Default = new();

    private readonly JsonSerializerOptions _options = options ?? DefaultOptions;

    /// <inheritdoc />
    public override string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), _options);

    /// <inheritdoc />
    public override object? Deserialize(string? data, Type targetType)
    {
        ArgumentNullException.ThrowIfNull(targetType);
        if (data is null)
        {
            return targetType.IsValueType && Nullable.GetUnderlyingType(targetType) is null ? Activator.CreateInstance(targetType) : null;
        }

        return JsonSerializer.Deserialize(data, targetType, _options);
    }
}
