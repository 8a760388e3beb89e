namespace MLOps.Durable.Pipelines.Registry;

/// <summary>A request to point an alias at a version (a direct deploy, a staging update or a canary start).</summary>
/// <param name="Model">The model name.</param>
/// <param name="Alias">staging, production or canary (see <see cref="ModelAliases"/>).</param>
/// <param name="Version">An existing version of the model.</param>
/// <param name="Actor">Who asks (a user, or "pipeline:&lt;run id&gt;"); recorded in the audit trail.</param>
/// <param name="Reason">Why; recorded in the audit trail.</param>
/// <param name="TrafficPercent">Required for canary (1-99) and not allowed for the other aliases.</param>
public sealed record AliasAssignment(string Model, string Alias, int Version, string Actor, string? Reason = null, int? TrafficPercent = null);
