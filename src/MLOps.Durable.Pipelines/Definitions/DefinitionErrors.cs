using YamlDotNet.RepresentationModel;

namespace MLOps.Durable.Pipelines.Definitions;

/// <summary>The errors found in one file so far.</summary>
internal sealed class DefinitionErrors(string file)
{
    private readonly List<DefinitionError> _errors = [];

    public string File { get; } = file;

    public int Count => _errors.Count;

    public void Add(YamlNode node, string field, string message) =>
        _errors.Add(new DefinitionError(File, (int)node.Start.Line, (int)node.Start.Column, field, message));

    public void Add(int line, int column, string field, string message) =>
        _errors.Add(new DefinitionError(File, line, column, field, message));

    public void ThrowIfAny()
    {
        if (_errors.Count > 0)
        {
            throw new PipelineDefinitionException([.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column)]);
        }
    }
}
