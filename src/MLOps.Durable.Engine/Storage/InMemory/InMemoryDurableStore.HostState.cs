namespace MLOps.Durable.Storage.InMemory;

public sealed partial class InMemoryDurableStore
{
    private readonly Dictionary<string, string> _hostValues = new(StringComparer.Ordinal);

    /// <inheritdoc />
    public Task<string> GetOrAddHostValueAsync(string name, string valueIfAbsent, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(valueIfAbsent);
        lock (_gate)
        {
            return Task.FromResult(_hostValues.TryAdd(name, valueIfAbsent) ? valueIfAbsent : _hostValues[name]);
        }
    }

    /// <inheritdoc />
    public Task SetHostValueAsync(string name, string value, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            _hostValues[name] = value;
        }

        return Task.CompletedTask;
    }
}
