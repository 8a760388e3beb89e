using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests;

/// <summary>What every command shares: host and key from flags or environment, exit codes, one-line errors, JSON.</summary>
public sealed class MlopsCliTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    [Fact]
    public async Task NoKey_Exit1_OneLineSayingWhatToDo()
    {
        var result = await host.RunAsync(["pipelines", "list"], TestTimeout.Token(), new Dictionary<string, string?> { ["MLOPS_KEY"] = null });

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.Equal(
            $"error: 401 from {host.BaseUrl}/api/pipelines: the key is missing; pass --key or set MLOPS_KEY (the function key the host printed)",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task KeyFlag_WinsOverTheEnvironment()
    {
        var wrong = await host.RunAsync(["models", "list", "--key", "wrong"], TestTimeout.Token());
        var right = await host.RunAsync(["models", "list", "--key", CliHostFixture.FunctionKey], TestTimeout.Token(), new Dictionary<string, string?> { ["MLOPS_KEY"] = "wrong" });

        Assert.True(wrong.ExitCode == 1, wrong.ToString());
        Assert.Equal(
            $"error: 401 from {host.BaseUrl}/api/models: the key is wrong for this endpoint; pass --key or set MLOPS_KEY (the function or master key the host printed)",
            Assert.Single(wrong.ErrorLines));
        Assert.True(right.ExitCode == 0, right.ToString());
    }

    [Fact]
    public async Task HostFlag_AndMasterKey_WorkWithoutTheEnvironment()
    {
        var environment = new Dictionary<string, string?> { ["MLOPS_HOST"] = null, ["MLOPS_KEY"] = null };

        var result = await host.RunAsync(["runs", "list", "--host", host.BaseUrl, "--key", CliHostFixture.MasterKey], TestTimeout.Token(), environment);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("ID", result.Lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableHost_Exit1_SaysHowToStartOrPointAtIt()
    {
        var result = await host.RunAsync(["models", "list"], TestTimeout.Token(), new Dictionary<string, string?> { ["MLOPS_HOST"] = "http://127.0.0.1:1" });

        Assert.True(result.ExitCode == 1, result.ToString());
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: cannot reach http://127.0.0.1:1 (", error, StringComparison.Ordinal);
        Assert.EndsWith("); start the host (bash run.sh) or pass --host or set MLOPS_HOST", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "Required command was not provided; see 'mlops --help'")]
    [InlineData("runs frobnicate", "Unrecognized command or argument 'frobnicate'")]
    [InlineData("runs start", "Required argument missing for command: 'start'")]
    [InlineData("predict iris-serve", "Option '--input' is required; see 'mlops predict --help'")]
    [InlineData("models list --bogus", "Unrecognized command or argument '--bogus'")]
    [InlineData("runs watch iris-1 --interval 0", "--interval: expected a number of seconds above 0")]
    [InlineData("runs list --top many", "Cannot parse argument 'many' for option '--top'")]
    [InlineData("models list --host not-a-url", "--host: 'not-a-url' is not an http(s) URL; expected e.g. http://localhost:7071")]
    public async Task UsageErrors_Exit2_OneLineOnStderr(string line, string expected)
    {
        var result = await host.RunAsync(line.Split(' ', StringSplitOptions.RemoveEmptyEntries), TestTimeout.Token());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Empty(result.Stdout);
        var error = Assert.Single(result.ErrorLines);
        Assert.StartsWith("error: ", error, StringComparison.Ordinal);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_Exit0_ListsTheCommands()
    {
        var result = await host.RunAsync(["--help"], TestTimeout.Token());

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var command in new[] { "pipelines", "runs", "approve", "reject", "models", "predict", "drift", "--host", "--key", "--json" })
        {
            Assert.Contains(command, result.Stdout, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("pipelines list")]
    [InlineData("runs list")]
    [InlineData("models list")]
    [InlineData("drift list")]
    public async Task Json_ListCommands_PrintOneParsableDocument(string line)
    {
        var result = await host.RunAsync([.. line.Split(' '), "--json"], TestTimeout.Token());

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.NotNull(JsonNode.Parse(result.Stdout));
    }
}
