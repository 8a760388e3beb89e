namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// One change in the registry's append-only audit trail. Entries are never updated or deleted, and each
/// commits together with the change it records.
/// </summary>
/// <param name="Sequence">Position in the trail, increasing across all models (gaps are possible).</param>
/// <param name="Time">When the change committed (the registry's clock).</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Action">What changed.</param>
/// <param name="Model">The model it changed.</param>
/// <param name="Version">The version registered, or the version the alias points at after the change (the removed version for <see cref="RegistryAuditAction.AliasRemoved"/>).</param>
/// <param name="Alias">The alias changed; null for <see cref="RegistryAuditAction.Registered"/>.</param>
/// <param name="PreviousVersion">The version the alias pointed at before, if any.</param>
/// <param name="TrafficPercent">The canary traffic share set, if any.</param>
/// <param name="Reason">Why, as the actor gave it.</param>
/// <param name="Details">A readable one-line summary (e.g. "run churn-42, trainer logistic-regression").</param>
public sealed record RegistryAuditEntry(
    long Sequence,
    DateTimeOffset Time,
    string Actor,
    RegistryAuditAction Action,
    string Model,
    int Version,
    string? Alias,
    int? PreviousVersion,
    int? TrafficPercent,
    string? Reason,
    string Details);
