using System.Text.Json;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

/// <summary>The committed JSON Schema and the reader accept the same fields, section by section.</summary>
public sealed class PipelineSchemaTests
{
    private static readonly JsonElement Schema =
        JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Workflows, "pipeline.schema.json"))).RootElement;

    [Theory]
    [InlineData("")]
    [InlineData("data")]
    [InlineData("data.validation")]
    [InlineData("train")]
    [InlineData("evaluate")]
    [InlineData("approve")]
    [InlineData("deploy")]
    [InlineData("monitor")]
    [InlineData("monitor.drift")]
    public void Schema_Section_ListsExactlyTheFieldsTheReaderKnows(string section)
    {
        var node = Schema;
        foreach (var part in section.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty("properties").GetProperty(part);
        }

        var schemaFields = node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal);

        Assert.Equal(PipelineDefinitionReader.KnownFields[section].Order(StringComparer.Ordinal), schemaFields);
        Assert.False(node.GetProperty("additionalProperties").GetBoolean());
    }

    [Fact]
    public void Schema_TrainerEnum_MatchesTheCatalog()
    {
        var trainers = Schema.GetProperty("properties").GetProperty("train").GetProperty("properties").GetProperty("trainer").GetProperty("enum")
            .EnumerateArray().Select(e => e.GetString());

        Assert.Equal(Enum.GetValues<TrainerKind>().Select(TrainerCatalog.Name), trainers);
    }
}
