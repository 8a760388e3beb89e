using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

internal sealed partial class TableModelRegistry
{
    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return (await RequireModelAsync(model, cancellationToken).ConfigureAwait(false)).SortedAliases;
    }

    /// <inheritdoc />
    public async Task<ModelVersion> ResolveAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = await RequireModelAsync(model, cancellationToken).ConfigureAwait(false);
        var set = row.Alias(alias) ?? throw new ModelAliasNotFoundException(model, alias);
        return await RequireVersionAsync(model, set.Version, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public Task<ModelAlias> SetAliasAsync(AliasAssignment assignment, CancellationToken cancellationToken = default)
    {
        RegistryRules.Assignment(assignment);
        return ChangeAsync(assignment.Model, async (now, token) =>
        {
            var row = await RequireModelAsync(assignment.Model, token).ConfigureAwait(false);
            if (!row.HasVersion(assignment.Version))
            {
                throw new ModelVersionNotFoundException(assignment.Model, assignment.Version, row.LatestVersion);
            }

            var current = row.Alias(assignment.Alias);
            if (current is not null && current.Version == assignment.Version && current.TrafficPercent == assignment.TrafficPercent)
            {
                return RegistryChange<ModelAlias>.None(current);
            }

            var alias = new ModelAlias(assignment.Alias, assignment.Version, assignment.TrafficPercent, now, assignment.Actor);
            return new RegistryChange<ModelAlias>(alias, [RegistryEntities.SaveModel(row.WithAlias(alias))], RegistryAuditEntries.AliasSet(assignment, current, now));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAliasAsync(string model, string alias, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return ChangeAsync(model, async (now, token) =>
        {
            var row = await RequireModelAsync(model, token).ConfigureAwait(false);
            return row.Alias(alias) is { } removed
                ? new RegistryChange<bool>(true, [RegistryEntities.SaveModel(row.WithoutAlias(alias))], RegistryAuditEntries.AliasRemoved(model, removed, actor, reason, now))
                : RegistryChange<bool>.None(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelAlias> PromoteCanaryAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return ChangeAsync(model, async (now, token) =>
        {
            var row = await RequireModelAsync(model, token).ConfigureAwait(false);
            var canary = row.Alias(ModelAliases.Canary) ?? throw RegistryConflicts.NoCanary(model);
            var previous = row.Alias(ModelAliases.Production);
            var production = new ModelAlias(ModelAliases.Production, canary.Version, null, now, actor);
            return new RegistryChange<ModelAlias>(
                production,
                [RegistryEntities.SaveModel(row.WithoutAlias(ModelAliases.Canary).WithAlias(production))],
                RegistryAuditEntries.Promoted(model, canary, previous, actor, reason, now));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelAlias> RollbackAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return ChangeAsync(model, async (now, token) =>
        {
            var row = await RequireModelAsync(model, token).ConfigureAwait(false);
            var current = row.Alias(ModelAliases.Production) ?? throw RegistryConflicts.NoProduction(model);
            var history = await ReadAliasAuditAsync(model, ModelAliases.Production, token).ConfigureAwait(false);
            var target = ProductionHistory.RollbackTarget(history) ?? throw RegistryConflicts.NothingToRollBackTo(model, current.Version);
            var production = new ModelAlias(ModelAliases.Production, target, null, now, actor);
            return new RegistryChange<ModelAlias>(
                production,
                [RegistryEntities.SaveModel(row.WithAlias(production))],
                RegistryAuditEntries.RolledBack(model, current, target, actor, reason, now));
        }, cancellationToken);
    }
}
