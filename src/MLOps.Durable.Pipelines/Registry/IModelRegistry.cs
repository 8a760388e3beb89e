namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Model versions with their lineage, the aliases that say which version serves (staging, production,
/// canary) and an append-only audit trail of every change. Each change commits together with its audit
/// entry. Invalid values throw <see cref="InvalidRegistryRequestException"/>; unknown models, versions and
/// aliases throw the matching not-found exception; a request the model's state does not allow throws
/// <see cref="ModelRegistryConflictException"/>.
/// </summary>
public interface IModelRegistry
{
    /// <summary>
    /// Registers the model a run trained as the model's next version (1, 2, ...). Idempotent per (model, run):
    /// when the run already registered a version of the model, that version is returned unchanged, even if
    /// this registration carries different metrics or parameters, so a replayed or retried activity never
    /// creates a second version. Concurrent registrations of different runs get distinct consecutive numbers.
    /// </summary>
    Task<ModelVersion> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default);

    /// <summary>Every model with its latest version and aliases, ordered by name (ordinal).</summary>
    Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken cancellationToken = default);

    /// <summary>The model's versions, oldest first.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    Task<IReadOnlyList<ModelVersion>> GetVersionsAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>One version of a model.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    /// <exception cref="ModelVersionNotFoundException">The model has no such version.</exception>
    Task<ModelVersion> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default);

    /// <summary>The model's aliases that are set, in <see cref="ModelAliases.All"/> order.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default);

    /// <summary>The version an alias points at.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    /// <exception cref="ModelAliasNotFoundException">The alias is not set.</exception>
    Task<ModelVersion> ResolveAsync(string model, string alias, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points an alias at a version: a direct deploy (production), a staging update or a canary with its
    /// traffic percent. Setting what is already set (same version and percent) changes nothing and adds no
    /// audit entry, so a retried deploy is harmless. Other aliases are left as they are.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    /// <exception cref="ModelVersionNotFoundException">The model has no such version.</exception>
    Task<ModelAlias> SetAliasAsync(AliasAssignment assignment, CancellationToken cancellationToken = default);

    /// <summary>Removes an alias (e.g. aborts a canary); false, with no audit entry, when it was not set.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    Task<bool> RemoveAliasAsync(string model, string alias, string actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>Makes the canary version production and removes the canary alias; the new production alias.</summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    /// <exception cref="ModelRegistryConflictException">The model has no canary.</exception>
    Task<ModelAlias> PromoteCanaryAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Points production back at the version it had before the current one, as the audit trail tells
    /// (repeated rollbacks walk further back); the new production alias. A canary is left as it is.
    /// </summary>
    /// <exception cref="ModelNotFoundException">The model has no versions.</exception>
    /// <exception cref="ModelRegistryConflictException">There is no production version, or none before it.</exception>
    Task<ModelAlias> RollbackAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Audit entries in sequence order: all models, or one when <paramref name="model"/> is given, after
    /// <paramref name="afterSequence"/> (0 for the start), at most <paramref name="maxEntries"/>; page on with the last entry's sequence.
    /// </summary>
    Task<IReadOnlyList<RegistryAuditEntry>> GetAuditTrailAsync(
        string? model = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default);
}
