using System.Globalization;

namespace MLOps.Durable.Pipelines.Registry;

/// <summary>
/// Builds the audit entry of each change (sequence 0; the store numbers it), so both registries record the
/// same fields and the same wording.
/// </summary>
internal static class RegistryAuditEntries
{
    /// <summary>The actor recorded for a registration: the run that trained the version.</summary>
    public static string RunActor(string runId) => "run:" + runId;

    public static RegistryAuditEntry Registered(ModelVersion version) => new(
        0, version.CreatedAt, RunActor(version.RunId), RegistryAuditAction.Registered, version.Model, version.Version, null, null, null, null,
        $"version {version.Version} from run {version.RunId}, trainer {version.Trainer}");

    public static RegistryAuditEntry AliasSet(AliasAssignment assignment, ModelAlias? previous, DateTimeOffset time) => new(
        0, time, assignment.Actor, RegistryAuditAction.AliasSet, assignment.Model, assignment.Version, assignment.Alias, previous?.Version,
        assignment.TrafficPercent, assignment.Reason, Change(assignment.Alias, previous?.Version, assignment.Version, assignment.TrafficPercent));

    public static RegistryAuditEntry AliasRemoved(string model, ModelAlias removed, string actor, string? reason, DateTimeOffset time) => new(
        0, time, actor, RegistryAuditAction.AliasRemoved, model, removed.Version, removed.Alias, removed.Version, null, reason,
        string.Create(CultureInfo.InvariantCulture, $"{removed.Alias}: version {removed.Version} removed"));

    public static RegistryAuditEntry Promoted(string model, ModelAlias canary, ModelAlias? production, string actor, string? reason, DateTimeOffset time) => new(
        0, time, actor, RegistryAuditAction.Promoted, model, canary.Version, ModelAliases.Production, production?.Version, null, reason,
        Change(ModelAliases.Production, production?.Version, canary.Version, null) +
        string.Create(CultureInfo.InvariantCulture, $" (canary at {canary.TrafficPercent}% promoted)"));

    public static RegistryAuditEntry RolledBack(string model, ModelAlias production, int target, string actor, string? reason, DateTimeOffset time) => new(
        0, time, actor, RegistryAuditAction.RolledBack, model, target, ModelAliases.Production, production.Version, null, reason,
        Change(ModelAliases.Production, production.Version, target, null));

    private static string Change(string alias, int? previous, int version, int? trafficPercent)
    {
        var share = trafficPercent is { } percent ? string.Create(CultureInfo.InvariantCulture, $" at {percent}% traffic") : string.Empty;
        return previous is { } before
            ? string.Create(CultureInfo.InvariantCulture, $"{alias}: version {before} -> {version}{share}")
            : string.Create(CultureInfo.InvariantCulture, $"{alias}: version {version}{share}");
    }
}
