using MLOps.Durable.Host.Security;
using MLOps.Durable.Storage;

namespace MLOps.Durable.Host.Events;

/// <summary>
/// The local topic's access key (checked in the <c>aeg-sas-key</c> header, as Event Grid does): from
/// <c>MLOPS_LOCAL_TOPIC_KEY</c>, or generated once and kept in the store.
/// </summary>
public sealed class EventTopicKey(IConfiguration configuration, IHostStateStore store)
{
    public const string Setting = "MLOPS_LOCAL_TOPIC_KEY";

    private readonly Lazy<Task<string>> _key = new(async () => configuration[Setting] is { Length: > 0 } configured
        ? configured
        : await store.GetOrAddHostValueAsync("keys/localTopic", FunctionKeys.NewKey()).ConfigureAwait(false));

    public Task<string> GetAsync() => _key.Value;
}
