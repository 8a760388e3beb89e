using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Commands;

/// <summary><c>mlops pipelines list</c> against the host, and <c>validate</c>, which reads files locally.</summary>
public sealed class PipelineCommandsTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    private const string BadDefinition = """
        name: bad
        data:
          source: data/iris.csv
          target: species
        train:
          trainer: forest
        approve:
          timeout: 3 dayz
        """;

    [Fact]
    public async Task List_LoadedAndBrokenPipelines_TableAndNotLoadedLines()
    {
        var result = await host.RunAsync(["pipelines", "list"], TestTimeout.Token());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("NAME", result.Lines[0], StringComparison.Ordinal);
        Assert.Contains(result.Lines, l => l.StartsWith("iris ", StringComparison.Ordinal) && l.Contains("logistic", StringComparison.Ordinal) && l.Contains("reviewers", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => l.StartsWith("iris-serve ", StringComparison.Ordinal) && l.Contains("auto", StringComparison.Ordinal));
        Assert.Contains(result.Lines, l => System.Text.RegularExpressions.Regex.IsMatch(
            l, @"^not loaded: workflows/broken\.pipeline\.yaml:\d+:\d+: approve\.timeout: '3 dayz' is not a duration"));
    }

    [Fact]
    public async Task List_Json_ParsesWithPipelinesAndErrors()
    {
        var result = await host.RunAsync(["pipelines", "list", "--json"], TestTimeout.Token());

        Assert.True(result.ExitCode == 0, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.Equal(["iris", "iris-canary", "iris-serve"], json["pipelines"]!.AsArray().Select(p => (string)p!["name"]!).Order(StringComparer.Ordinal));
        Assert.Equal("approve.timeout", (string)json["errors"]![0]!["field"]!);
    }

    [Fact]
    public async Task Validate_ShippedDefinition_Exit0WithASummary()
    {
        var file = Path.Combine(CliHostFixture.RepositoryRoot(), "workflows", "iris.pipeline.yaml");

        var result = await host.RunAsync(["pipelines", "validate", file], TestTimeout.Token());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{file}: valid: pipeline 'iris' (logistic, 1 candidate, approval by carol@example.com)", Assert.Single(result.Lines));
    }

    [Fact]
    public async Task Validate_InvalidDefinition_FileLineColumnOnStderrAndExit1()
    {
        await File.WriteAllTextAsync(Path.Combine(host.ContentRoot, "workflows", "bad-plain.yaml"), BadDefinition);

        var result = await host.RunAsync(["pipelines", "validate", "workflows/bad-plain.yaml"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal(
            [
                "workflows/bad-plain.yaml:6:12: train.trainer: 'forest' is not one of gbdt, logistic, linear",
                "workflows/bad-plain.yaml:8:12: approve.timeout: '3 dayz' is not a duration (e.g. 72h, 30m, 1d12h)",
            ],
            result.ErrorLines);
    }

    [Fact]
    public async Task Validate_Json_ListsEveryFileWithItsErrors()
    {
        await File.WriteAllTextAsync(Path.Combine(host.ContentRoot, "workflows", "bad-json.yaml"), BadDefinition);

        var result = await host.RunAsync(["pipelines", "validate", "workflows/iris.pipeline.yaml", "workflows/bad-json.yaml", "--json"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        var json = JsonNode.Parse(result.Stdout)!;
        Assert.False((bool)json["valid"]!);
        var files = json["files"]!.AsArray();
        Assert.True((bool)files[0]!["valid"]!);
        Assert.Equal("iris", (string)files[0]!["pipeline"]!);
        var errors = files[1]!["errors"]!.AsArray();
        Assert.Equal([(6, 12, "train.trainer"), (8, 12, "approve.timeout")], errors.Select(e => ((int)e!["line"]!, (int)e["column"]!, (string)e["field"]!)));
    }

    [Fact]
    public async Task Validate_MissingFile_Exit2()
    {
        var result = await host.RunAsync(["pipelines", "validate", "workflows/nope.pipeline.yaml"], TestTimeout.Token());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith("error: pipelines validate: 'workflows/nope.pipeline.yaml' does not exist", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_NoHostAndNoKey_StillChecksLocally()
    {
        var environment = new Dictionary<string, string?> { ["MLOPS_HOST"] = "http://127.0.0.1:1", ["MLOPS_KEY"] = null };

        var result = await host.RunAsync(["pipelines", "validate", "workflows/iris-serve.pipeline.yaml"], TestTimeout.Token(), environment);

        Assert.True(result.ExitCode == 0, result.ToString());
    }
}
