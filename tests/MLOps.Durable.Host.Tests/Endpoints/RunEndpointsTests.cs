using System.Globalization;
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

    [Fact]
    public async Task HistoryAndArtifacts_FinishedRun_ServedWithTheFunctionKey()
    {
        using var functionKey = new HttpClient { BaseAddress = host.BaseAddress };
        functionKey.DefaultRequestHeaders.Add("x-functions-key", HostFixture.FunctionKey);
        using var started = await Post("/api/pipelines/iris-auto/runs");
        var runUri = (string)(await Json(started))["runUri"]!;
        var run = await PollAsync(runUri, r => (string)r["status"]! is "deployed" or "rejected" or "Failed");
        var id = (string)run["id"]!;

        var history = (await Json(await functionKey.GetAsync($"/api/runs/{id}/history"))).AsArray();
        var listed = (await Json(await functionKey.GetAsync($"/api/runs/{id}/artifacts"))).AsArray().Select(a => (string)a!["name"]!).ToList();
        using var evaluation = await functionKey.GetAsync($"/api/runs/{id}/artifacts/evaluation-report.json");
        using var nested = await functionKey.GetAsync($"/api/runs/{id}/artifacts/candidates/0/model.json");
        using var onnx = await functionKey.GetAsync($"/api/runs/{id}/artifacts/model.onnx");
        using var missing = await functionKey.GetAsync($"/api/runs/{id}/artifacts/nope.json");
        using var hidden = await functionKey.GetAsync($"/api/runs/{id}/artifacts/.hidden");
        using var notARun = await functionKey.GetAsync("/api/runs/monitor-iris-auto/artifacts");
        using var noHistory = await functionKey.GetAsync("/api/runs/nope/history");

        Assert.Equal("ExecutionStarted", (string)history[0]!["EventType"]!);
        Assert.Equal("PipelineRun", (string)history[0]!["FunctionName"]!);
        var validated = history.Single(e => (string?)e!["EventType"] == "TaskCompleted" && (string?)e["FunctionName"] == "PipelineValidateData")!;
        Assert.True((bool)validated["Result"]!["valid"]!);
        Assert.Equal("deployed", (string)history[^1]!["Result"]!["outcome"]!);
        Assert.Contains("validation-report.json", listed);
        Assert.Contains("candidates/0/model.json", listed);
        Assert.Equal("application/json", evaluation.Content.Headers.ContentType!.MediaType);
        Assert.NotNull((await Json(evaluation))["passed"]);
        Assert.Equal(HttpStatusCode.OK, nested.StatusCode);
        Assert.Equal("application/octet-stream", onnx.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, hidden.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notARun.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, noHistory.StatusCode);
    }

    [Fact]
    public async Task List_NewestFirst_WithTrigger_FilteredByCreationTime()
    {
        using var first = await Post("/api/pipelines/iris-review/runs");
        var firstId = (string)(await Json(first))["id"]!;
        using var second = await Post("/api/pipelines/iris-review/runs");
        var secondId = (string)(await Json(second))["id"]!;

        var all = (await Json(await host.Http.GetAsync("/api/runs?pipeline=iris-review&top=1000"))).AsArray();
        var ids = all.Select(r => (string)r!["id"]!).ToList();
        var created = all.Select(r => DateTimeOffset.Parse((string)r!["createdTime"]!, CultureInfo.InvariantCulture)).ToList();
        var future = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(1).ToString("O", CultureInfo.InvariantCulture));
        var past = Uri.EscapeDataString(DateTimeOffset.UtcNow.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));
        using var none = await host.Http.GetAsync($"/api/runs?pipeline=iris-review&from={future}");
        using var before = await host.Http.GetAsync($"/api/runs?pipeline=iris-review&to={past}");
        using var since = await host.Http.GetAsync($"/api/runs?pipeline=iris-review&from={past}&to={future}");
        using var bad = await host.Http.GetAsync("/api/runs?from=yesterday");

        Assert.Equal(created.OrderByDescending(c => c), created);
        Assert.True(ids.IndexOf(secondId) < ids.IndexOf(firstId), string.Join(", ", ids));
        Assert.Equal("http", (string)all.First(r => (string)r!["id"]! == firstId)!["trigger"]!);
        Assert.Empty((await Json(none)).AsArray());
        Assert.Empty((await Json(before)).AsArray());
        Assert.Contains(secondId, (await Json(since)).AsArray().Select(r => (string)r!["id"]!));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("from: 'yesterday'", (string)(await Json(bad))["detail"]!, StringComparison.Ordinal);
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
