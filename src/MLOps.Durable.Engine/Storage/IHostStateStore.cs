namespace MLOps.Durable.Storage;

/// <summary>
/// Small named values the host keeps with the task hub, shared by every host on the same store: generated
/// function keys, for example. Names are case-sensitive.
/// </summary>
public interface IHostStateStore
{
    /// <summary>The stored value, or <paramref name="valueIfAbsent"/> after storing it; atomic across hosts.</summary>
    Task<string> GetOrAddHostValueAsync(string name, string valueIfAbsent, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="value"/> under <paramref name="name"/>, replacing any previous value.</summary>
    Task SetHostValueAsync(string name, string value, CancellationToken cancellationToken = default);
}
