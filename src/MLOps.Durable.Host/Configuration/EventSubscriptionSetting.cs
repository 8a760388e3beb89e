namespace MLOps.Durable.Host.Configuration;

/// <summary>
/// A webhook the local event topic forwards to (host.json <c>mlops.eventSubscriptions[]</c>): every event,
/// or only the listed types.
/// </summary>
public sealed record EventSubscriptionSetting(string Name, Uri Endpoint, IReadOnlyList<string> Types)
{
    /// <summary>Whether an event of <paramref name="type"/> goes to this subscriber.</summary>
    public bool Accepts(string type) => Types.Count == 0 || Types.Contains(type, StringComparer.OrdinalIgnoreCase);
}
