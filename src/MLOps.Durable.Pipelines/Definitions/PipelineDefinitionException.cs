namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>A definition file that cannot be loaded; <see cref="Errors"/> lists every problem found, in file order.</summary>
public sealed class PipelineDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
