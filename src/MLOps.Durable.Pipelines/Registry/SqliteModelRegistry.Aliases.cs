using static MLOps.Durable.Pipelines.Registry.SqliteRegistryRows;

namespace MLOps.Durable.Pipelines.Registry;

public sealed partial class SqliteModelRegistry
{
    private const string SelectAliases = $"SELECT {AliasColumns} FROM ModelAliases WHERE Model = @model";

    private const string SelectAlias = $"SELECT {AliasColumns} FROM ModelAliases WHERE Model = @model AND Alias = @alias";

    private const string UpsertAlias = $"""
        INSERT INTO ModelAliases ({AliasColumns}) VALUES (@model, @alias, @version, @trafficPercent, @setAt, @setBy)
        ON CONFLICT (Model, Alias) DO UPDATE SET
            Version = excluded.Version, TrafficPercent = excluded.TrafficPercent, SetAt = excluded.SetAt, SetBy = excluded.SetBy
        """;

    private const string DeleteAlias = "DELETE FROM ModelAliases WHERE Model = @model AND Alias = @alias";

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        return ReadAsync(() =>
        {
            RequireModel(model);
            using var command = Command(SelectAliases, ("@model", model));
            using var reader = command.ExecuteReader();
            var aliases = new List<ModelAlias>();
            while (reader.Read())
            {
                aliases.Add(ReadAlias(reader));
            }

            return (IReadOnlyList<ModelAlias>)[.. aliases.OrderBy(a => ModelAliases.Order(a.Alias))];
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelVersion> ResolveAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        return ReadAsync(() =>
        {
            RequireModel(model);
            var set = FindAlias(model, alias) ?? throw new ModelAliasNotFoundException(model, alias);
            return RequireVersion(model, set.Version);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelAlias> SetAliasAsync(AliasAssignment assignment, CancellationToken cancellationToken = default)
    {
        RegistryRules.Assignment(assignment);
        return WriteAsync(now =>
        {
            RequireVersion(assignment.Model, assignment.Version);
            var current = FindAlias(assignment.Model, assignment.Alias);
            if (current is not null && current.Version == assignment.Version && current.TrafficPercent == assignment.TrafficPercent)
            {
                return current;
            }

            var alias = new ModelAlias(assignment.Alias, assignment.Version, assignment.TrafficPercent, now, assignment.Actor);
            SaveAlias(assignment.Model, alias);
            Append(RegistryAuditEntries.AliasSet(assignment, current, now));
            return alias;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RemoveAliasAsync(string model, string alias, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return WriteAsync(now =>
        {
            RequireModel(model);
            if (FindAlias(model, alias) is not { } removed)
            {
                return false;
            }

            Execute(DeleteAlias, ("@model", model), ("@alias", alias));
            Append(RegistryAuditEntries.AliasRemoved(model, removed, actor, reason, now));
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelAlias> PromoteCanaryAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return WriteAsync(now =>
        {
            RequireModel(model);
            var canary = FindAlias(model, ModelAliases.Canary) ?? throw RegistryConflicts.NoCanary(model);
            var previous = FindAlias(model, ModelAliases.Production);
            var production = new ModelAlias(ModelAliases.Production, canary.Version, null, now, actor);
            Execute(DeleteAlias, ("@model", model), ("@alias", ModelAliases.Canary));
            SaveAlias(model, production);
            Append(RegistryAuditEntries.Promoted(model, canary, previous, actor, reason, now));
            return production;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<ModelAlias> RollbackAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        return WriteAsync(now =>
        {
            RequireModel(model);
            var current = FindAlias(model, ModelAliases.Production) ?? throw RegistryConflicts.NoProduction(model);
            var target = ProductionHistory.RollbackTarget(ReadAudit(model, ModelAliases.Production))
                ?? throw RegistryConflicts.NothingToRollBackTo(model, current.Version);
            var production = new ModelAlias(ModelAliases.Production, target, null, now, actor);
            SaveAlias(model, production);
            Append(RegistryAuditEntries.RolledBack(model, current, target, actor, reason, now));
            return production;
        }, cancellationToken);
    }

    private void RequireModel(string model)
    {
        if (LatestVersion(model) is null)
        {
            throw new ModelNotFoundException(model);
        }
    }

    private ModelAlias? FindAlias(string model, string alias)
    {
        using var command = Command(SelectAlias, ("@model", model), ("@alias", alias));
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadAlias(reader) : null;
    }

    private void SaveAlias(string model, ModelAlias alias) => Execute(
        UpsertAlias,
        ("@model", model),
        ("@alias", alias.Alias),
        ("@version", alias.Version),
        ("@trafficPercent", alias.TrafficPercent),
        ("@setAt", alias.SetAt.UtcTicks),
        ("@setBy", alias.SetBy));
}
