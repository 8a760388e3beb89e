namespace MLOps.Durable.Client;

/// <summary>The rules an instance id must follow (the Durable Functions ones: 1-100 characters, no control characters or '/', '\', '#', '?').</summary>
public static class InstanceIds
{
    /// <summary>The longest id allowed.</summary>
    public const int MaxLength = 100;

    /// <summary>Throws <see cref="ArgumentException"/> naming the rule an id breaks.</summary>
    public static void Validate(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        if (instanceId.Length is 0 or > MaxLength)
        {
            throw new ArgumentException($"Instance id '{instanceId}' must be 1 to {MaxLength} characters long.", nameof(instanceId));
        }

        var bad = instanceId.IndexOfAny(['/', '\\', '#', '?']);
        if (bad >= 0 || instanceId.Any(char.IsControl))
        {
            throw new ArgumentException(
                $"Instance id '{instanceId}' contains a character that is not allowed; '/', '\\', '#', '?' and control characters are not.",
                nameof(instanceId));
        }
    }
}
