namespace MLOps.Durable;

/// <summary>No orchestrator or activity with this name is registered with the worker.</summary>
public sealed class TaskNotRegisteredException(string kind, string name, IEnumerable<string> registered)
    : DurableException($"No {kind} named '{name}' is registered. Registered {kind}s: " +
        $"{(registered.Any() ? string.Join(", ", registered.Order(StringComparer.Ordinal)) : "(none)")}.")
{
    public string Kind { get; } = kind;

    public string Name { get; } = name;
}
