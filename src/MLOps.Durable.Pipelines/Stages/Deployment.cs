namespace MLOps.Durable.Pipelines.Stages;

/// <summary>The registered version and the alias it now holds (production, or canary with its traffic share).</summary>
public sealed record Deployment(int Version, string Alias, int? TrafficPercent, IReadOnlyList<string> Artifacts);
