using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Commands;

/// <summary><c>mlops predict</c> with CSV and JSON files against iris-serve's production version.</summary>
public sealed class PredictCommandTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    [Fact]
    public async Task Predict_CsvWithTheTargetColumn_OneLabelPerRow()
    {
        var timeout = TestTimeout.Token();
        await host.EnsureDeployedAsync("iris-serve", timeout);
        var file = Write("rows.csv", """
            sepal_length,sepal_width,petal_length,petal_width,species
            5.1,3.5,1.4,0.2,setosa
            4.9,3,1.4,0.2,setosa
            7.7,3.8,6.7,2.2,virginica
            """);

        var result = await host.RunAsync(["predict", "iris-serve", "--input", file], timeout);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"^model iris-serve v1 \(production\), routing key \w+: 3 predictions$", result.Lines[0]);
        Assert.Equal("ROW  LABEL      PROBABILITY  PREDICTION ID", result.Lines[1]);
        Assert.Equal(["setosa", "setosa", "virginica"], result.Lines.Skip(2).Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]));
    }

    [Fact]
    public async Task Predict_JsonArrayAndRowsObject_JsonOutputParses()
    {
        var timeout = TestTimeout.Token();
        await host.EnsureDeployedAsync("iris-serve", timeout);
        const string rows = """[{"sepal_length": 5.1, "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}, {"sepal_length": 7.7, "sepal_width": 3.8, "petal_length": 6.7, "petal_width": 2.2}]""";
        var array = Write("array.json", rows);
        var wrapped = Write("wrapped.json", $$"""{"rows": {{rows}}}""");

        foreach (var file in new[] { array, wrapped })
        {
            var result = await host.RunAsync(["predict", "iris-serve", "-i", file, "--routing-key", "user-7", "--json"], timeout);

            Assert.True(result.ExitCode == 0, result.ToString());
            var answer = JsonNode.Parse(result.Stdout)!;
            Assert.Equal((1, "production", "user-7"), ((int)answer["version"]!, (string)answer["alias"]!, (string)answer["key"]!));
            Assert.Equal(["setosa", "virginica"], answer["predictions"]!.AsArray().Select(p => (string)p!["label"]!));
        }
    }

    [Fact]
    public async Task Predict_TextWhereANumberBelongs_Exit1WithTheHostsFieldError()
    {
        var timeout = TestTimeout.Token();
        await host.EnsureDeployedAsync("iris-serve", timeout);
        var file = Write("text.json", """{"row": {"sepal_length": "5.1", "sepal_width": 3.5, "petal_length": 1.4, "petal_width": 0.2}}""");

        var result = await host.RunAsync(["predict", "iris-serve", "-i", file], timeout);

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"error: 400 from {host.BaseUrl}/api/models/iris-serve/predict: rows[0].sepal_length: expected ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.csv", null, "error: predict --input: 'missing.csv' does not exist")]
    [InlineData("broken.csv", "a,b\n1,\"x\n", "error: predict --input: broken.csv:2:3: ")]
    [InlineData("rows.txt", "a,b\n1,2\n", "error: predict --input: 'rows.txt' has extension '.txt'")]
    [InlineData("notjson.json", "{rows: nope", "error: predict --input: 'notjson.json' is not JSON")]
    [InlineData("numbers.json", "[1, 2]", "error: predict --input: 'numbers.json' must hold an array of row objects")]
    public async Task Predict_MissingOrMalformedFile_Exit2(string name, string? content, string expected)
    {
        if (content is not null)
        {
            Write(name, content);
        }

        var result = await host.RunAsync(["predict", "iris-serve", "--input", name], TestTimeout.Token());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.StartsWith(expected, Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Predict_UnknownModel_Exit1With404()
    {
        var file = Write("one.json", """{"sepal_length": 5.1}""");

        var result = await host.RunAsync(["predict", "nope", "-i", file], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"error: 404 from {host.BaseUrl}/api/models/nope/predict: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    /// <summary>Writes a file in the content root (the CLI's working directory) and returns its relative name.</summary>
    private string Write(string name, string content)
    {
        File.WriteAllText(Path.Combine(host.ContentRoot, name), content);
        return name;
    }
}
