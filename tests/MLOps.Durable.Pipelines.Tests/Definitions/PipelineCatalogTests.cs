using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Pipelines.Tests.Definitions;

public sealed class PipelineCatalogTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-catalog-").FullName;

    [Fact]
    public void Load_BrokenFileAndDuplicateName_KeepsTheGoodPipelinesAndSaysWhyTheOthersAreOut()
    {
        Write("a.pipeline.yaml", Definition("alpha"));
        Write("b.pipeline.yaml", Definition("beta").Replace("trainer: gbdt", "trainer: forest", StringComparison.Ordinal));
        Write("c.pipeline.yaml", Definition("ALPHA"));
        Write("notes.yaml", "not: a pipeline");

        var catalog = PipelineCatalog.Load(_folder);

        Assert.Equal(["alpha"], catalog.Pipelines.Select(p => p.Name));
        Assert.Collection(
            catalog.Errors,
            e => Assert.Equal((Path.Combine(_folder, "b.pipeline.yaml"), "train.trainer"), (e.File, e.Field)),
            e => Assert.Contains("'ALPHA' is already defined in", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void Load_MissingFolder_IsEmpty()
    {
        var catalog = PipelineCatalog.Load(Path.Combine(_folder, "nope"));

        Assert.Empty(catalog.Pipelines);
        Assert.Empty(catalog.Errors);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private void Write(string name, string text) => File.WriteAllText(Path.Combine(_folder, name), text);

    private static string Definition(string name) => $"""
        name: {name}
        data:
          source: https://example.org/data.csv
          target: y
        train:
          trainer: gbdt
        """;
}
