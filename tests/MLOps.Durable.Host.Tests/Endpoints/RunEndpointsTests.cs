using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>Pipeline runs over real HTTP on the SQLite store: start, follow, approve, cancel.</summary>
public sealed class RunEndpointsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Start_NoReviewers_RunsToDeployed()
    {
        using var started = await Post("/api/pipelines/iris-auto/runs");
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runUri = (string)(await Json(started))["runUri"]!;
        Assert.Equal(runUri, started.Headers.Location!.ToString());

        var run = await PollAsync(runUri, r => (string)r["status"]! is "deployed" or "rejected" or "Failed");

        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal("production", (string)run["outcome"]!["alias"]!);
        using var listed = await host.Http.GetAsync("/api/runs?pipeline=IRIS-AUTO&status=deployed");
        Assert.Contains((string)run["id"]!, (await Json(listed)).AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal(["validate", "train", "evaluate", "approve", "deploy"], run["stages"]!.AsArray().Select(s => (string)s!["name"]!));
    }

    [Fact]
    public async Task Approval_OnlyListedReviewers_ThenDeployed_ThenGone()
    {
        using var started = await Post("/api/pipelines/iris-review/runs");
        var runUri = (string)(await Json(started))["runUri"]!;
        await PollAsync(runUri, r => (string?)r["stage"] == "approve" && ((string?)r["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true);

        using var stranger = await Post(runUri + "/approval", new { approved = true, reviewer = "mallory@example.com" });
        using var empty = await Post(runUri + "/approval", new { approved = true });
        using var approved = await Post(runUri + "/approval", new { approved = true, reviewer = "alice@example.com", comment = "ship it" });
        var run = await PollAsync(runUri, r => (string)r["status"]! != "Running");
        using var late = await Post(runUri + "/approval", new { approved = false, reviewer = "alice@example.com" });

        Assert.Equal(HttpStatusCode.Forbidden, stranger.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal("alice@example.com", (string)run["outcome"]!["approvedBy"]!);
        Assert.Equal(HttpStatusCode.Gone, late.StatusCode);
    }

    [Fact]
    public async Task Cancel_WaitingRun_Terminates_AndUnknownsAre404()
    {
        using var started = await Post("/api/pipelines/iris-review/runs");
        var runUri = (string)(await Json(started))["runUri"]!;
        await PollAsync(runUri, r => (string?)r["stage"] == "approve");

        using var cancel = await Post(runUri + "/cancel");
        var run = await PollAsync(runUri, r => (string)r["status"]! == "Terminated");
        using var unknownPipeline = await Post("/api/pipelines/nope/runs");
        using var unknownRun = await host.Http.GetAsync("/api/runs/nope");

        Assert.Equal(HttpStatusCode.Accepted, cancel.StatusCode);
        Assert.Equal("approve", (string)run["stage"]!);
        Assert.Equal(HttpStatusCode.NotFound, unknownPipeline.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknownRun.StatusCode);
    }

    private Task<HttpResponseMessage> Post(string path, object? body = null) =>
        host.Http.PostAsync(path, body is null ? null : JsonContent.Create(body));

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<JsonNode> PollAsync(string uri, Func<JsonNode, bool> done)
    {
        // The host runs on the real clock; poll the API the way a client would, bounded by the test timeout.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            using var response = await host.Http.GetAsync(uri, timeout.Token);
            var body = await Json(response);
            if (done(body))
            {
                return body;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
