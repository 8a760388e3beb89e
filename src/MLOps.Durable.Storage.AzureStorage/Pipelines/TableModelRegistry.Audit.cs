using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

internal sealed partial class TableModelRegistry
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<RegistryAuditEntry>> GetAuditTrailAsync(
        string? model = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default)
    {
        RegistryRules.AuditQuery(model, afterSequence, maxEntries);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);

        // A sequence and its audit rows commit in one batch with the head, so no entry can appear later below
        // one already read: paging on by the last sequence never skips one.
        var prefix = model is null ? RegistryRowKeys.AuditPrefix : RegistryRowKeys.ModelAuditPrefix(model);
        var after = prefix + RegistryRowKeys.Sequence(afterSequence);
        var rows = await RangeAsync(prefix, after, maxEntries, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(RegistryEntities.ReadAudit)];
    }

    /// <summary>One model's audit entries about one alias, in sequence order.</summary>
    private async Task<IReadOnlyList<RegistryAuditEntry>> ReadAliasAuditAsync(string model, string alias, CancellationToken cancellationToken)
    {
        var rows = await RangeAsync(
            RegistryRowKeys.ModelAuditPrefix(model),
            null,
            int.MaxValue,
            cancellationToken,
            TableQuery.GenerateFilterCondition(RegistryEntities.AliasProperty, QueryComparisons.Equal, alias)).ConfigureAwait(false);
        return [.. rows.Select(RegistryEntities.ReadAudit)];
    }
}
