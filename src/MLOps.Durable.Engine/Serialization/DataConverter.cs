namespace MLOps.Durable.Serialization;

/// <summary>Turns inputs, outputs and event payloads into the strings kept in history, and back.</summary>
public abstract class DataConverter
{
    /// <summary>Serializes a value; null stays null.</summary>
    public abstract string? Serialize(object? value);

    /// <summary>Deserializes into <paramref name="targetType"/>; null stays null (or default for value types).</summary>
    public abstract object? Deserialize(string? data, Type targetType);

    /// <summary>Typed convenience over <see cref="Deserialize(string?, Type)"/>.</summary>
    public T? Deserialize<T>(string? data) => (T?)Deserialize(data, typeof(T));
}
