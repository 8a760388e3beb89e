namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// A registry held in memory, for tests and for a host without a file. It follows the same contract as
/// <see cref="SqliteModelRegistry"/>, rule for rule; one lock makes every change and its audit entry atomic.
/// </summary>
public sealed class InMemoryModelRegistry : IModelRegistry
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, ModelState> _models = new(StringComparer.Ordinal);
    private readonly List<RegistryAuditEntry> _audit = [];
    private readonly TimeProvider _time;

    /// <summary>Creates an empty registry that stamps times with <paramref name="time"/> (<see cref="TimeProvider.System"/> when null).</summary>
    public InMemoryModelRegistry(TimeProvider? time = null) => _time = time ?? TimeProvider.System;

    /// <inheritdoc />
    public Task<ModelVersion> RegisterAsync(ModelRegistration registration, CancellationToken cancellationToken = default)
    {
        RegistryRules.Registration(registration);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (!_models.TryGetValue(registration.Model, out var state))
            {
                state = new ModelState();
                _models.Add(registration.Model, state);
            }

            if (state.ByRun.TryGetValue(registration.RunId, out var existing))
            {
                return Task.FromResult(existing);
            }

            var now = _time.GetUtcNow();
            var version = new ModelVersion(registration.Model, state.Versions.Count + 1, registration.RunId, registration.Trainer, now)
            {
                Parameters = new Dictionary<string, string>(registration.Parameters, StringComparer.Ordinal),
                Metrics = new Dictionary<string, double>(registration.Metrics, StringComparer.Ordinal),
                Lineage = registration.Lineage,
                Artifacts = registration.Artifacts,
            };
            state.Versions.Add(version);
            state.ByRun.Add(version.RunId, version);
            Append(RegistryAuditEntries.Registered(version));
            return Task.FromResult(version);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelSummary>> GetModelsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ModelSummary> models = [.. _models.Select(m => new ModelSummary(m.Key, m.Value.Versions.Count, m.Value.SortedAliases()))];
            return Task.FromResult(models);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelVersion>> GetVersionsAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<ModelVersion> versions = [.. Find(model).Versions];
            return Task.FromResult(versions);
        }
    }

    /// <inheritdoc />
    public Task<ModelVersion> GetVersionAsync(string model, int version, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Version(model, version);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Find(model).Version(model, version));
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<ModelAlias>> GetAliasesAsync(string model, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            return Task.FromResult(Find(model).SortedAliases());
        }
    }

    /// <inheritdoc />
    public Task<ModelVersion> ResolveAsync(string model, string alias, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(model);
            return state.Aliases.TryGetValue(alias, out var set)
                ? Task.FromResult(state.Version(model, set.Version))
                : throw new ModelAliasNotFoundException(model, alias);
        }
    }

    /// <inheritdoc />
    public Task<ModelAlias> SetAliasAsync(AliasAssignment assignment, CancellationToken cancellationToken = default)
    {
        RegistryRules.Assignment(assignment);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(assignment.Model);
            state.Version(assignment.Model, assignment.Version);
            state.Aliases.TryGetValue(assignment.Alias, out var current);
            if (current is not null && current.Version == assignment.Version && current.TrafficPercent == assignment.TrafficPercent)
            {
                return Task.FromResult(current);
            }

            var now = _time.GetUtcNow();
            var alias = new ModelAlias(assignment.Alias, assignment.Version, assignment.TrafficPercent, now, assignment.Actor);
            state.Aliases[alias.Alias] = alias;
            Append(RegistryAuditEntries.AliasSet(assignment, current, now));
            return Task.FromResult(alias);
        }
    }

    /// <inheritdoc />
    public Task<bool> RemoveAliasAsync(string model, string alias, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Alias(alias);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(model);
            if (!state.Aliases.Remove(alias, out var removed))
            {
                return Task.FromResult(false);
            }

            Append(RegistryAuditEntries.AliasRemoved(model, removed, actor, reason, _time.GetUtcNow()));
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<ModelAlias> PromoteCanaryAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(model);
            if (!state.Aliases.TryGetValue(ModelAliases.Canary, out var canary))
            {
                throw RegistryConflicts.NoCanary(model);
            }

            state.Aliases.TryGetValue(ModelAliases.Production, out var previous);
            var now = _time.GetUtcNow();
            var production = new ModelAlias(ModelAliases.Production, canary.Version, null, now, actor);
            state.Aliases.Remove(ModelAliases.Canary);
            state.Aliases[ModelAliases.Production] = production;
            Append(RegistryAuditEntries.Promoted(model, canary, previous, actor, reason, now));
            return Task.FromResult(production);
        }
    }

    /// <inheritdoc />
    public Task<ModelAlias> RollbackAsync(string model, string actor, string? reason = null, CancellationToken cancellationToken = default)
    {
        RegistryRules.Model(model);
        RegistryRules.Actor(actor);
        RegistryRules.Reason(reason);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var state = Find(model);
            if (!state.Aliases.TryGetValue(ModelAliases.Production, out var current))
            {
                throw RegistryConflicts.NoProduction(model);
            }

            var target = ProductionHistory.RollbackTarget(_audit.Where(e => e.Model == model))
                ?? throw RegistryConflicts.NothingToRollBackTo(model, current.Version);
            var now = _time.GetUtcNow();
            var production = new ModelAlias(ModelAliases.Production, target, null, now, actor);
            state.Aliases[ModelAliases.Production] = production;
            Append(RegistryAuditEntries.RolledBack(model, current, target, actor, reason, now));
            return Task.FromResult(production);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<RegistryAuditEntry>> GetAuditTrailAsync(
        string? model = null, long afterSequence = 0, int maxEntries = 1000, CancellationToken cancellationToken = default)
    {
        RegistryRules.AuditQuery(model, afterSequence, maxEntries);
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            IReadOnlyList<RegistryAuditEntry> entries =
                [.. _audit.Where(e => e.Sequence > afterSequence && (model is null || e.Model == model)).Take(maxEntries)];
            return Task.FromResult(entries);
        }
    }

    private ModelState Find(string model) =>
        _models.TryGetValue(model, out var state) ? state : throw new ModelNotFoundException(model);

    private void Append(RegistryAuditEntry entry) => _audit.Add(entry with { Sequence = _audit.Count + 1 });

    private sealed class ModelState
    {
        public List<ModelVersion> Versions { get; } = [];

        public Dictionary<string, ModelVersion> ByRun { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ModelAlias> Aliases { get; } = new(StringComparer.Ordinal);

        public ModelVersion Version(string model, int version) =>
            version >= 1 && version <= Versions.Count ? Versions[version - 1] : throw new ModelVersionNotFoundException(model, version, Versions.Count);

        public IReadOnlyList<ModelAlias> SortedAliases() => [.. Aliases.Values.OrderBy(a => ModelAliases.Order(a.Alias))];
    }
}
