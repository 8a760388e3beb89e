using System.Text.Json.Nodes;
using MLOps.Durable.Cli.Tests.Harness;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Commands;

/// <summary>
/// <c>mlops runs ...</c> and <c>approve|reject</c> on the shipped iris pipeline (one reviewer): the watch prints one
/// line per stage change when redirected, stops when the run waits for approval, and follows it to the end after
/// a decision.
/// </summary>
public sealed class RunCommandsTests(CliHostFixture host) : IClassFixture<CliHostFixture>
{
    [Fact]
    public async Task StartWatch_Iris_WaitsForApproval_ThenApproveWatchDeploys()
    {
        var timeout = TestTimeout.Token();

        var started = await host.RunAsync(["runs", "start", "iris", "--watch", "--interval", "0.05"], timeout);

        Assert.True(started.ExitCode == 0, started.ToString());
        var id = started.Lines[0]["started run ".Length..];
        Assert.StartsWith("iris-", id, StringComparison.Ordinal);
        Assert.Equal(
            [
                "stage validate: running", "stage validate: done", "stage train: running", "stage train: done",
                "stage evaluate: running", "stage evaluate: done", "stage approve: running",
            ],
            started.Lines.Skip(1).SkipLast(1).Select(l => l.Split(" (")[0]));
        Assert.Equal("stage train: done (best of 1: #0 accuracy 0.9111)", started.Lines[4]);
        Assert.StartsWith($"run {id}: waiting for approval (waiting for {CliHostFixture.Reviewer} until ", started.Lines[^1], StringComparison.Ordinal);
        Assert.EndsWith($"decide with: mlops approve {id} --reviewer <email> (or mlops reject)", started.Lines[^1], StringComparison.Ordinal);

        var approved = await host.RunAsync(["approve", id, "--reviewer", CliHostFixture.Reviewer, "--comment", "metrics look right", "--watch", "--interval", "0.05"], timeout);

        Assert.True(approved.ExitCode == 0, approved.ToString());
        Assert.Equal(
            [
                $"run {id}: approved by {CliHostFixture.Reviewer}",
                "stage approve: running",
                $"stage approve: done (approved by {CliHostFixture.Reviewer})",
                "stage deploy: running",
                "stage deploy: done (v1 as production)",
                $"run {id}: deployed v1 as production (approved by {CliHostFixture.Reviewer})",
            ],
            approved.Lines);

        var shown = await host.RunAsync(["runs", "show", id, "--json"], timeout);
        Assert.True(shown.ExitCode == 0, shown.ToString());
        var run = JsonNode.Parse(shown.Stdout)!;
        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal(1, (int)run["outcome"]!["modelVersion"]!);
        Assert.Equal(CliHostFixture.Reviewer, (string)run["outcome"]!["approvedBy"]!);

        var plain = await host.RunAsync(["runs", "show", id], timeout);
        Assert.True(plain.ExitCode == 0, plain.ToString());
        Assert.Contains(plain.Lines, l => l.StartsWith("deploy ", StringComparison.Ordinal) && l.Contains("v1 as production", StringComparison.Ordinal));
        Assert.Equal($"run {id}: deployed v1 as production (approved by {CliHostFixture.Reviewer})", plain.Lines[^1]);

        var listed = await host.RunAsync(["runs", "list", "--pipeline", "iris", "--status", "deployed"], timeout);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(listed.Lines, l => l.StartsWith(id + " ", StringComparison.Ordinal) && l.Contains(" deployed ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reject_WaitingRun_EndsRejected_AndTheWatchExits1()
    {
        var timeout = TestTimeout.Token();
        var started = await host.RunAsync(["runs", "start", "iris", "--json"], timeout);
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = (string)JsonNode.Parse(started.Stdout)!["id"]!;
        var waiting = await host.RunAsync(["runs", "watch", id, "--interval", "0.05"], timeout);
        Assert.True(waiting.ExitCode == 0, waiting.ToString());
        Assert.StartsWith($"run {id}: waiting for approval", waiting.Lines[^1], StringComparison.Ordinal);

        var stranger = await host.RunAsync(["approve", id, "--reviewer", "mallory@example.com"], timeout);
        Assert.True(stranger.ExitCode == 1, stranger.ToString());
        Assert.StartsWith($"error: 403 from {host.BaseUrl}/api/runs/{id}/approval: ", Assert.Single(stranger.ErrorLines), StringComparison.Ordinal);

        var rejected = await host.RunAsync(["reject", id, "--comment", "not this week", "--json"], timeout, new Dictionary<string, string?> { ["MLOPS_REVIEWER"] = CliHostFixture.Reviewer });
        Assert.True(rejected.ExitCode == 0, rejected.ToString());
        var decision = JsonNode.Parse(rejected.Stdout)!;
        Assert.Equal("reject", (string)decision["decision"]!);
        Assert.Equal("accepted", (string)decision["result"]!);

        var ended = await host.RunAsync(["runs", "watch", id, "--interval", "0.05"], timeout);
        Assert.True(ended.ExitCode == 1, ended.ToString());
        Assert.Equal($"run {id}: rejected at approve: rejected by {CliHostFixture.Reviewer}: not this week", ended.Lines[^1]);
        Assert.Contains($"stage approve: rejected (rejected by {CliHostFixture.Reviewer}: not this week)", ended.Lines);

        var listed = await host.RunAsync(["runs", "list", "--pipeline", "iris", "--status", "rejected", "--json"], timeout);
        Assert.True(listed.ExitCode == 0, listed.ToString());
        Assert.Contains(id, JsonNode.Parse(listed.Stdout)!.AsArray().Select(r => (string)r!["id"]!));
    }

    [Fact]
    public async Task Watch_SuspendedThenCancelledRun_Exit1SayingWhy()
    {
        var timeout = TestTimeout.Token();
        var started = await host.RunAsync(["runs", "start", "iris", "--watch", "--interval", "0.05", "--json"], timeout);
        Assert.True(started.ExitCode == 0, started.ToString());
        var id = (string)JsonNode.Parse(started.Stdout)!["id"]!;
        using (var suspend = new HttpRequestMessage(HttpMethod.Post, $"/runtime/webhooks/durabletask/instances/{id}/suspend"))
        {
            suspend.Headers.Add("x-functions-key", CliHostFixture.MasterKey);
            using var suspended = await host.Http.SendAsync(suspend, timeout);
            Assert.Equal(System.Net.HttpStatusCode.Accepted, suspended.StatusCode);
        }

        await host.UntilAsync($"/api/runs/{id}", r => (string?)r["status"] == "Suspended", timeout);

        var watched = await host.RunAsync(["runs", "watch", id], timeout);
        Assert.True(watched.ExitCode == 1, watched.ToString());
        Assert.StartsWith($"run {id}: suspended at approve; resume it with POST /runtime/webhooks/durabletask/instances/{id}/resume", watched.Lines[^1], StringComparison.Ordinal);

        var cancelled = await host.RunAsync(["runs", "cancel", id, "--reason", "wrong data"], timeout);
        Assert.True(cancelled.ExitCode == 0, cancelled.ToString());
        Assert.Equal($"run {id}: cancel requested", Assert.Single(cancelled.Lines));
        await host.UntilAsync($"/api/runs/{id}", r => (string?)r["status"] == "Terminated", timeout);
        var ended = await host.RunAsync(["runs", "watch", id], timeout);
        Assert.True(ended.ExitCode == 1, ended.ToString());
        Assert.Equal($"run {id}: cancelled", ended.Lines[^1]);

        var again = await host.RunAsync(["runs", "cancel", id], timeout);
        Assert.True(again.ExitCode == 1, again.ToString());
        Assert.StartsWith($"error: 410 from {host.BaseUrl}/api/runs/{id}/cancel: ", Assert.Single(again.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Approve_WithoutReviewer_Exit2SayingHowToName()
    {
        var result = await host.RunAsync(["approve", "iris-123"], TestTimeout.Token());

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal(
            "error: approve: the API needs the reviewer's identity; pass --reviewer alice@example.com or set MLOPS_REVIEWER (one of the pipeline's approve.reviewers)",
            Assert.Single(result.ErrorLines));
    }

    [Fact]
    public async Task Start_UnknownPipeline_Exit1WithTheHostsMessage()
    {
        var result = await host.RunAsync(["runs", "start", "nope", "--watch"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(result.Stdout);
        Assert.StartsWith($"error: 404 from {host.BaseUrl}/api/pipelines/nope/runs: No pipeline 'nope'. Loaded: ", Assert.Single(result.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_UnknownRun_Exit1With404()
    {
        var result = await host.RunAsync(["runs", "show", "iris-nope"], TestTimeout.Token());

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal($"error: 404 from {host.BaseUrl}/api/runs/iris-nope: No pipeline run 'iris-nope'.", Assert.Single(result.ErrorLines));
    }
}
