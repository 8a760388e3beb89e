namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>
/// The pipelines of a folder (<c>*.pipeline.yaml</c>): the ones that loaded, and for the others the errors
/// that kept them out. A broken file never hides the good ones; two files with one name keep the first.
/// </summary>
public sealed class PipelineCatalog
{
    /// <summary>The file pattern of definitions.</summary>
    public const string FilePattern = "*.pipeline.yaml";

    private PipelineCatalog(IReadOnlyList<PipelineDefinition> pipelines, IReadOnlyList<DefinitionError> errors)
    {
        Pipelines = pipelines;
        Errors = errors;
    }

    /// <summary>Loaded pipelines, by name.</summary>
    public IReadOnlyList<PipelineDefinition> Pipelines { get; }

    /// <summary>Why the other files were not loaded.</summary>
    public IReadOnlyList<DefinitionError> Errors { get; }

    /// <summary>The pipeline called <paramref name="name"/> (case-insensitive), or null.</summary>
    public PipelineDefinition? Find(string name) =>
        Pipelines.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Loads every definition in <paramref name="folder"/> (a missing folder is an empty catalog).</summary>
    public static PipelineCatalog Load(string folder)
    {
        var pipelines = new List<PipelineDefinition>();
        var errors = new List<DefinitionError>();
        if (!Directory.Exists(folder))
        {
            return new PipelineCatalog(pipelines, errors);
        }

        foreach (var file in Directory.EnumerateFiles(folder, FilePattern).Order(StringComparer.Ordinal))
        {
            try
            {
                var definition = PipelineDefinitionReader.ReadFile(file);
                if (pipelines.FirstOrDefault(p => string.Equals(p.Name, definition.Name, StringComparison.OrdinalIgnoreCase)) is { } first)
                {
                    errors.Add(new DefinitionError(file, 1, 1, "name", $"'{definition.Name}' is already defined in {first.SourceFile}; names must be unique"));
                    continue;
                }

                pipelines.Add(definition);
            }
            catch (PipelineDefinitionException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        return new PipelineCatalog([.. pipelines.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)], errors);
    }
}
