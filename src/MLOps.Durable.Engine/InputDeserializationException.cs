namespace MLOps.Durable;

/// <summary>An input or payload could not be read as the type its consumer declares.</summary>
public sealed class InputDeserializationException(string what, Type expected, string? json, Exception innerException)
    : DurableException($"The input of {what} could not be read as {expected.Name}: {innerException.Message} " +
        $"(input: {Shorten(json)})", innerException)
{
    private static string Shorten(string? json) =>
        json is null ? "null" : json.Length <= 200 ? json : string.Concat(json.AsSpan(0, 200), "...");
}
