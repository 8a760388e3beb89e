using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Commands;

/// <summary>
/// <c>mlops drift list|show</c>: predictions through the CLI, then the hourly check of iris-serve's monitor (the
/// fake clock moved by an hour once its timer is set), then the check as the CLI shows it.
/// </summary>
public sealed class DriftCommandsTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    [Fact]
    public async Task Show_AfterPredictionsAndACheck_ListsTheCheckAndItsColumns()
    {
        var timeout = TestTimeout.Token();
        await host.EnsureDeployedAsync("iris-serve", timeout);
        var before = await host.RunAsync(["drift", "show", "iris-serve"], timeout);
        Assert.True(before.ExitCode == 0, before.ToString());
        Assert.Equal("no drift checks stored yet", before.Lines[^1]);

        // 40 flowers with their petals doubled: enough rows for a check, and far from the training data.
        var rows = File.ReadLines(Path.Combine(host.ContentRoot, "workflows", "data", "iris.csv")).Skip(1).Take(40).Select(line =>
        {
            var cells = line.Split(',');
            cells[2] = (double.Parse(cells[2], CultureInfo.InvariantCulture) * 2).ToString(CultureInfo.InvariantCulture);
            cells[3] = (double.Parse(cells[3], CultureInfo.InvariantCulture) * 2).ToString(CultureInfo.InvariantCulture);
            return string.Join(',', cells);
        });
        await File.WriteAllTextAsync(Path.Combine(host.ContentRoot, "shifted.csv"), "sepal_length,sepal_width,petal_length,petal_width,species\n" + string.Join('\n', rows), Encoding.UTF8, timeout);
        var predicted = await host.RunAsync(["predict", "iris-serve", "--input", "shifted.csv"], timeout);
        Assert.True(predicted.ExitCode == 0, predicted.ToString());

        await host.UntilAsync("/api/monitors/iris-serve", m => (string?)m["monitor"]!["state"] == "waiting", timeout);
        host.Time.Advance(TimeSpan.FromHours(1));
        await host.UntilAsync("/api/monitors/iris-serve", m => (int)m["monitor"]!["checks"]! == 1, timeout);

        var shown = await host.RunAsync(["drift", "show", "iris-serve"], timeout);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        Assert.Matches(@"^monitor iris-serve: Running, waiting, next check .+; 1 check\(s\); last: drift in \d of 4 columns \(.*petal_length.*\) over 40 predictions$", shown.Lines[0]);
        Assert.Equal("CHECK", shown.Lines[1].Split(' ')[0]);
        Assert.Matches(@"^1\s+\S+ \S+\s+v1\s+40\s+yes\s+[\d.]+\s+.*petal_length", shown.Lines[2]);

        var check = await host.RunAsync(["drift", "show", "iris-serve", "--check", "1"], timeout);
        Assert.True(check.ExitCode == 0, check.ToString());
        Assert.StartsWith("check 1: dataset drift (share ", check.Lines[1], StringComparison.Ordinal);
        Assert.Equal(["COLUMN", "METHOD", "STATISTIC", "DRIFTED"], check.Lines[2].Split(' ', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(check.Lines, l => Regex.IsMatch(l, @"^petal_length\s+\S+\s+[\d.E-]+\s+yes$"));

        var json = await host.RunAsync(["drift", "show", "iris-serve", "--json"], timeout);
        Assert.True(json.ExitCode == 0, json.ToString());
        var point = Assert.Single(JsonNode.Parse(json.Stdout)!["history"]!.AsArray())!;
        Assert.True((bool)point["datasetDrift"]!);
        Assert.Equal(40, (int)point["rows"]!);

        var missing = await host.RunAsync(["drift", "show", "iris-serve", "--check", "7"], timeout);
        Assert.True(missing.ExitCode == 1, missing.ToString());
        Assert.Equal("error: no drift check 7 for 'iris-serve'; its checks: 1", Assert.Single(missing.ErrorLines));

        var list = await host.RunAsync(["drift", "list"], timeout);
        Assert.True(list.ExitCode == 0, list.ToString());
        Assert.Contains(list.Lines, l => Regex.IsMatch(l, @"^iris-serve\s+Running\s+waiting\s+.+\s+1\s+drift in "));
    }

    [Fact]
    public async Task Show_UnknownModel_Exit1With404()
    {
        var result = await host.RunAsync(["drift", "show", "nope"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: 404 from {host.BaseUrl}/api/monitors/nope: No pipeline 'nope'.", Assert.Single(result.ErrorLines));
    }
}
