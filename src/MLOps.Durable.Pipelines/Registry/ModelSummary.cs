namespace MLOps.Durable.Pipelines.Registry;

/// <summary>A model as listed: its name, latest version and current aliases.</summary>
/// <param name="Model">The model name.</param>
/// <param name="LatestVersion">The highest version number registered.</param>
/// <param name="Aliases">Its aliases, in <see cref="ModelAliases.All"/> order.</param>
public sealed record ModelSummary(string Model, int LatestVersion, IReadOnlyList<ModelAlias> Aliases);
