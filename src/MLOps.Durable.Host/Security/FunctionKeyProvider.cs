using MLOps.Durable.Storage;

namespace MLOps.Durable.Host.Security;

/// <summary>
/// Resolves the keys once: from configuration (<c>MLOPS_MASTER_KEY</c>, <c>MLOPS_FUNCTION_KEY</c>) or, when
/// not set, generated on first use and kept in the store so that every host on it, and every restart,
/// uses the same keys.
/// </summary>
public sealed class FunctionKeyProvider(IConfiguration configuration, IHostStateStore store)
{
    /// <summary>The setting that fixes the master key.</summary>
    public const string MasterKeySetting = "MLOPS_MASTER_KEY";

    /// <summary>The setting that fixes the default function key.</summary>
    public const string FunctionKeySetting = "MLOPS_FUNCTION_KEY";

    private readonly Lazy<Task<FunctionKeys>> _keys = new(() => ResolveAsync(configuration, store));

    /// <summary>The keys (resolved on the first call).</summary>
    public Task<FunctionKeys> GetKeysAsync() => _keys.Value;

    private static async Task<FunctionKeys> ResolveAsync(IConfiguration configuration, IHostStateStore store)
    {
        var master = configuration[MasterKeySetting] is { Length: > 0 } configuredMaster
            ? configuredMaster
            : await store.GetOrAddHostValueAsync("keys/master", FunctionKeys.NewKey()).ConfigureAwait(false);
        var function = configuration[FunctionKeySetting] is { Length: > 0 } configuredFunction
            ? configuredFunction
            : await store.GetOrAddHostValueAsync("keys/function/default", FunctionKeys.NewKey()).ConfigureAwait(false);
        return new FunctionKeys(master, function);
    }
}
