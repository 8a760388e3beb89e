namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>One problem in a definition file: where (1-based line and column), which field, what was expected.</summary>
public sealed record DefinitionError(string File, int Line, int Column, string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{File}:{Line}:{Column}: {Field}: {Message}";
}
