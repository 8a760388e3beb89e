using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

internal sealed partial class TableModelRegistry
{
    /// <inheritdoc />
    public Task<ModelVersion> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        RegistryRules.Registration(registration);
        RegistryEntities.CheckSizes(registration);
        return ChangeAsync(registration.Model, async (now, token) =>
        {
            // The run row is the idempotency key: inserted in the same batch as the version, so a run that
            // registered is found here, and two hosts registering one run cannot both commit (the head moved).
            if (await RetrieveAsync(RegistryRowKeys.Run(registration.Model, registration.RunId), token).ConfigureAwait(false) is { } run)
            {
                return RegistryChange<ModelVersion>.None(await RequireVersionAsync(registration.Model, RegistryEntities.ReadRunVersion(run), token).ConfigureAwait(false));
            }

            var model = await FindModelAsync(registration.Model, token).ConfigureAwait(false) ?? ModelRow.New(registration.Model);
            var version = new ModelVersion(registration.Model, model.LatestVersion + 1, registration.RunId, registration.Trainer, now)
            {
                Parameters = new Dictionary<string, string>(registration.Parameters, StringComparer.Ordinal),
                Metrics = new Dictionary<string, double>(registration.Metrics, StringComparer.Ordinal),
                Lineage = registration.Lineage,
                Artifacts = registration.Artifacts,
            };
            return new RegistryChange<ModelVersion>(
                version,
                [
                    RegistryEntities.SaveModel(model with { LatestVersion = version.Version }),
                    TableOperation.Insert(RegistryEntities.VersionEntity(version)),
                    TableOperation.Insert(RegistryEntities.RunEntity(version)),
                ],
                RegistryAuditEntries.Registered(version));
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = await RangeAsync(RegistryRowKeys.ModelPrefix, null, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return [.. rows
            .Select(RegistryEntities.ReadModel)
            .OrderBy(model => model.Model, StringComparer.Ordinal)
            .Select(model => new ModelSummary(model.Model, model.LatestVersion, model.SortedAliases))];
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ModelVersion>> GetVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var rows = await RangeAsync(RegistryRowKeys.VersionPrefix(model), null, int.MaxValue, cancellationToken).ConfigureAwait(false);
        return rows.Count > 0 ? [.. rows.Select(RegistryEntities.ReadVersion)] : throw new ModelNotFoundException(model);
    }

    /// <inheritdoc />
    public async Task<ModelVersion> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Version(model, version);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        return await RequireVersionAsync(model, version, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The version, or the not-found error for the model or the version.</summary>
    private async Task<ModelVersion> RequireVersionAsync(string model, int version, CancellationToken cancellationToken)
    {
        if (await RetrieveAsync(RegistryRowKeys.Version(model, version), cancellationToken).ConfigureAwait(false) is { } found)
        {
            return RegistryEntities.ReadVersion(found);
        }

        var row = await RequireModelAsync(model, cancellationToken).ConfigureAwait(false);
        throw new ModelVersionNotFoundException(model, version, row.LatestVersion);
    }
}
