using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Storage.AzureStorage.Pipelines;

/// <summary>A model's row in the registry table: its latest version and the aliases set, with the row's ETag (null before it exists).</summary>
/// <param name="Model">The model name.</param>
/// <param name="LatestVersion">The highest version registered; versions are 1 to this, with no gaps.</param>
/// <param name="Aliases">The aliases set, by alias name.</param>
/// <param name="ETag">The row's ETag as read; null for a model not stored yet.</param>
internal sealed record ModelRow(string Model, int LatestVersion, IReadOnlyDictionary<string, ModelAlias> Aliases, string? ETag)
{
    /// <summary>A model with no row yet.</summary>
    public static ModelRow New(string model) => new(model, 0, new Dictionary<string, ModelAlias>(StringComparer.Ordinal), null);

    /// <summary>The aliases in <see cref="ModelAliases.All"/> order.</summary>
    public IReadOnlyList<ModelAlias> SortedAliases => [.. ModelAliases.All.Where(Aliases.ContainsKey).Select(alias => Aliases[alias])];

    public ModelAlias? Alias(string alias) => Aliases.GetValueOrDefault(alias);

    /// <summary>Whether the model has the version (versions are consecutive from 1).</summary>
    public bool HasVersion(int version) => version >= 1 && version <= LatestVersion;

    public ModelRow WithAlias(ModelAlias alias) =>
        this with { Aliases = new Dictionary<string, ModelAlias>(Aliases, StringComparer.Ordinal) { [alias.Alias] = alias } };

    public ModelRow WithoutAlias(string alias)
    {
        var aliases = new Dictionary<string, ModelAlias>(Aliases, StringComparer.Ordinal);
        aliases.Remove(alias);
        return this with { Aliases = aliases };
    }
}
