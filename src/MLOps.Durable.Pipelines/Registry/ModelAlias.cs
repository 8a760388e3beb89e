namespace MLOps.Durable.Pipelines.Registry;

/// <summary>An alias (see <see cref="ModelAliases"/>) pointing at a version, with who set it and when.</summary>
/// <param name="Alias">staging, production or canary.</param>
/// <param name="Version">The version it points at.</param>
/// <param name="TrafficPercent">For canary: the share of traffic (1-99) the version gets; null for the others.</param>
/// <param name="SetAt">When it last changed.</param>
/// <param name="SetBy">Who changed it.</param>
public sealed record ModelAlias(string Alias, int Version, int? TrafficPercent, DateTimeOffset SetAt, string SetBy);
