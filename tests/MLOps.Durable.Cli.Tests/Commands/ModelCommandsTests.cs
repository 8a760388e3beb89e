using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Commands;

/// <summary><c>mlops models ...</c> on iris-canary: the first run goes to production, the second to a 50 % canary.</summary>
public sealed class ModelCommandsTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    [Fact]
    public async Task ListShowPromoteRollback_CanaryPipeline_MovesProductionBothWays()
    {
        var timeout = TestTimeout.Token();
        var first = await host.RunAsync(["runs", "start", "iris-canary", "--watch", "--interval", "0.05"], timeout);
        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.EndsWith("deployed v1 as production (approved by auto)", first.Lines[^1], StringComparison.Ordinal);
        var second = await host.RunAsync(["runs", "start", "iris-canary", "--watch", "--interval", "0.05"], timeout);
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.EndsWith("deployed v2 as canary (approved by auto)", second.Lines[^1], StringComparison.Ordinal);

        var list = await host.RunAsync(["models", "list"], timeout);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Equal("MODEL        LATEST  PRODUCTION  CANARY    STAGING", list.Lines[0]);
        Assert.Contains(list.Lines, l => Regex.IsMatch(l, @"^iris-canary\s+v2\s+v1\s+v2 \(50%\)$"));

        var show = await host.RunAsync(["models", "show", "iris-canary"], timeout);
        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.Matches(@"^model iris-canary: latest v2; production v1 \(set by pipeline:iris-canary-\w+ at .+\); canary v2 \(50%\) \(set by .+\)$", show.Lines[0]);
        Assert.Contains(show.Lines, l => Regex.IsMatch(l, @"^v1\s+production\s+.*logistic\s+iris-canary-\w+\s+accuracy 0\.9"));
        Assert.Contains(show.Lines, l => Regex.IsMatch(l, @"^v2\s+canary\s+"));

        var promoted = await host.RunAsync(["models", "promote", "iris-canary", "--reason", "canary looks fine", "--actor", "dana"], timeout);
        Assert.True(promoted.ExitCode == 0, promoted.ToString());
        Assert.Equal("model iris-canary: production is now v2 (promoted from canary)", Assert.Single(promoted.Lines));
        var audit = (await host.Http.GetFromJsonAsync<JsonArray>("/api/models/iris-canary/audit", timeout))!;
        var entry = audit.Last(e => (string)e!["action"]! == "promoted")!;
        Assert.Equal(("dana", "canary looks fine"), ((string)entry["actor"]!, (string)entry["reason"]!));

        var again = await host.RunAsync(["models", "promote", "iris-canary"], timeout);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.StartsWith($"error: 409 from {host.BaseUrl}/api/models/iris-canary/promote: Model 'iris-canary' has no canary to promote", Assert.Single(again.ErrorLines), StringComparison.Ordinal);

        var rolledBack = await host.RunAsync(["models", "rollback", "iris-canary", "--json"], timeout);
        Assert.True(rolledBack.ExitCode == 0, rolledBack.ToString());
        var alias = JsonNode.Parse(rolledBack.Stdout)!;
        Assert.Equal(("production", 1), ((string)alias["alias"]!, (int)alias["version"]!));

        var noFurther = await host.RunAsync(["models", "rollback", "iris-canary"], timeout);
        Assert.True(noFurther.ExitCode == 1, noFurther.ToString());
        Assert.StartsWith($"error: 409 from {host.BaseUrl}/api/models/iris-canary/rollback: ", Assert.Single(noFurther.ErrorLines), StringComparison.Ordinal);

        var json = await host.RunAsync(["models", "show", "iris-canary", "--json"], timeout);
        Assert.True(json.ExitCode == 0, json.ToString());
        var model = JsonNode.Parse(json.Stdout)!;
        Assert.Equal([1, 2], model["versions"]!.AsArray().Select(v => (int)v!["version"]!));
        Assert.Equal(1, (int)model["aliases"]!.AsArray().Single(a => (string)a!["alias"]! == "production")!["version"]!);
    }

    [Fact]
    public async Task Show_UnknownModel_Exit1With404()
    {
        var result = await host.RunAsync(["models", "show", "nope"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.StartsWith($"error: 404 from {host.BaseUrl}/api/models/nope: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }
}
