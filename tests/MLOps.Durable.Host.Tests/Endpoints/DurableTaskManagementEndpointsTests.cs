using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>The Durable Functions management API over real HTTP on loopback.</summary>
public sealed class DurableTaskManagementEndpointsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Root = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Start_KnownOrchestrator_Returns202WithAbsoluteCheckStatusUrls()
    {
        using var response = await host.Http.PostAsync($"{Root}/orchestrators/Hello/start-1", Json("\"Ada\""));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal("start-1", (string?)body!["id"]);
        var status = (string)body["statusQueryGetUri"]!;
        Assert.Equal($"{host.BaseAddress.ToString().TrimEnd('/')}{Root}/instances/start-1?code={HostFixture.MasterKey}", status);
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter!.Delta);
        Assert.EndsWith($"/instances/start-1/raiseEvent/{{eventName}}?code={HostFixture.MasterKey}", (string)body["sendEventPostUri"]!, StringComparison.Ordinal);
        var instanceUrl = status[..status.IndexOf('?', StringComparison.Ordinal)];
        foreach (var key in new[] { "terminatePostUri", "purgeHistoryDeleteUri", "restartPostUri", "suspendPostUri", "resumePostUri", "rewindPostUri" })
        {
            Assert.StartsWith(instanceUrl, (string)body[key]!, StringComparison.Ordinal);
            Assert.EndsWith($"code={HostFixture.MasterKey}", (string)body[key]!, StringComparison.Ordinal);
        }

        using var followed = await host.Anonymous.GetAsync(status);
        Assert.NotEqual(HttpStatusCode.Unauthorized, followed.StatusCode);
    }

    [Fact]
    public async Task Start_WithTimeout_WaitsAndReturns200WithOutput()
    {
        using var response = await host.Http.PostAsync($"{Root}/orchestrators/Hello?timeout=30", Json("\"Grace\""));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("\"Hello Grace\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("Nope", "\"x\"", HttpStatusCode.BadRequest)]
    [InlineData("Hello", "{not json", HttpStatusCode.BadRequest)]
    public async Task Start_UnknownOrchestratorOrBadJson_Returns400Problem(string name, string body, HttpStatusCode expected)
    {
        using var response = await host.Http.PostAsync($"{Root}/orchestrators/{name}", Json(body));

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task GetStatus_RunningThenCompleted_202Then200WithHistory()
    {
        await host.Http.PostAsync($"{Root}/orchestrators/WaitForApproval/status-1", Json("\"x\""));
        using var running = await PollUntilAsync("status-1", s => s == "Running");
        Assert.Equal(HttpStatusCode.Accepted, running.StatusCode);
        Assert.NotNull(running.Headers.Location);

        using var raised = await host.Http.PostAsync($"{Root}/instances/status-1/raiseEvent/approval", Json("\"yes\""));
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        using var done = await PollUntilAsync("status-1", s => s == "Completed", "?showHistory=true&showHistoryOutput=true");

        Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        var body = done.Body;
        Assert.Equal("WaitForApproval", (string?)body["name"]);
        Assert.Equal("yes", (string?)body["output"]);
        Assert.Equal("x", (string?)body["input"]);
        var events = body["historyEvents"]!.AsArray().Select(e => (string)e!["EventType"]!).ToList();
        Assert.Equal(["ExecutionStarted", "EventRaised", "ExecutionCompleted"], events);
        Assert.Equal(3, body["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task GetStatus_Failed_200Or500WithFlag_AndMissing404()
    {
        await host.Http.PostAsync($"{Root}/orchestrators/Fails/failing-1", Json("1"));
        using var failed = await PollUntilAsync("failing-1", s => s == "Failed");
        using var flagged = await host.Http.GetAsync($"{Root}/instances/failing-1?returnInternalServerErrorOnFailure=true");
        using var missing = await host.Http.GetAsync($"{Root}/instances/nobody");

        Assert.Equal(HttpStatusCode.OK, failed.StatusCode);
        Assert.Equal(HttpStatusCode.InternalServerError, flagged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Rewind_FailedInstance_202ThenCompletes_OthersRefused()
    {
        HostFixture.FlakyBroken = true;
        await host.Http.PostAsync($"{Root}/orchestrators/Unsteady/rewind-1", Json("41"));
        await host.Http.PostAsync($"{Root}/orchestrators/Hello/rewind-done", Json("\"a\""));
        await host.Http.PostAsync($"{Root}/orchestrators/WaitForApproval/rewind-waiting", Json("null"));
        (await PollUntilAsync("rewind-1", s => s == "Failed")).Dispose();
        (await PollUntilAsync("rewind-done", s => s == "Completed")).Dispose();

        using var missing = await host.Http.PostAsync($"{Root}/instances/nobody/rewind", null);
        using var completed = await host.Http.PostAsync($"{Root}/instances/rewind-done/rewind", null);
        using var running = await host.Http.PostAsync($"{Root}/instances/rewind-waiting/rewind", null);
        HostFixture.FlakyBroken = false;
        using var rewind = await host.Http.PostAsync($"{Root}/instances/rewind-1/rewind?reason=fixed", null);
        using var done = await PollUntilAsync("rewind-1", s => s == "Completed");

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, completed.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, running.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rewind.StatusCode);
        Assert.Equal(42, (int)done.Body["output"]!);
    }

    [Fact]
    public async Task Control_MissingAndFinishedInstances_404And410()
    {
        await host.Http.PostAsync($"{Root}/orchestrators/Hello/control-1", Json("\"a\""));
        using var completed = await PollUntilAsync("control-1", s => s == "Completed");

        using var missingEvent = await host.Http.PostAsync($"{Root}/instances/nobody/raiseEvent/x", Json("1"));
        using var goneEvent = await host.Http.PostAsync($"{Root}/instances/control-1/raiseEvent/x", Json("1"));
        using var goneTerminate = await host.Http.PostAsync($"{Root}/instances/control-1/terminate?reason=late", null);
        using var badJson = await host.Http.PostAsync($"{Root}/instances/control-1/raiseEvent/x", Json("{oops"));

        Assert.Equal(HttpStatusCode.NotFound, missingEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, goneEvent.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, goneTerminate.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badJson.StatusCode);
    }

    [Fact]
    public async Task TerminateSuspendResume_RunningInstance_202AndStatusFollows()
    {
        await host.Http.PostAsync($"{Root}/orchestrators/WaitForApproval/control-2", Json("\"a\""));
        using var started = await PollUntilAsync("control-2", s => s == "Running");

        using var suspend = await host.Http.PostAsync($"{Root}/instances/control-2/suspend?reason=pause", null);
        using var suspended = await PollUntilAsync("control-2", s => s == "Suspended");
        using var resume = await host.Http.PostAsync($"{Root}/instances/control-2/resume?reason=go", null);
        using var resumed = await PollUntilAsync("control-2", s => s == "Running");
        using var terminate = await host.Http.PostAsync($"{Root}/instances/control-2/terminate?reason=stop", null);
        using var done = await PollUntilAsync("control-2", s => s == "Terminated");

        Assert.All([suspend, resume, terminate], r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal("stop", (string?)done.Body["output"]);
    }

    [Fact]
    public async Task Query_PrefixAndPaging_FollowsContinuationHeader()
    {
        for (var i = 0; i < 5; i++)
        {
            await host.Http.PostAsync($"{Root}/orchestrators/Hello/page-{i}", Json("\"p\""));
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Root}/instances/?instanceIdPrefix=page-&top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await host.Http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            seen.AddRange((await response.Content.ReadFromJsonAsync<JsonArray>())!.Select(i => (string)i!["instanceId"]!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null);

        Assert.Equal(3, pages);
        Assert.Equal(["page-0", "page-1", "page-2", "page-3", "page-4"], seen);
        using var bad = await host.Http.GetAsync($"{Root}/instances?runtimeStatus=Sleeping");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Purge_OneAndByFilter_200WithCountAnd404And400()
    {
        await host.Http.PostAsync($"{Root}/orchestrators/Hello/purge-1", Json("\"a\""));
        using var completed = await PollUntilAsync("purge-1", s => s == "Completed");

        using var purged = await host.Http.DeleteAsync($"{Root}/instances/purge-1");
        using var again = await host.Http.DeleteAsync($"{Root}/instances/purge-1");
        using var noFrom = await host.Http.DeleteAsync($"{Root}/instances?runtimeStatus=Completed");

        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);
        Assert.Equal(1, (int)(await purged.Content.ReadFromJsonAsync<JsonObject>())!["instancesDeleted"]!);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, noFrom.StatusCode);
    }

    private sealed record Polled(HttpResponseMessage Response, JsonObject Body) : IDisposable
    {
        public HttpStatusCode StatusCode => Response.StatusCode;

        public System.Net.Http.Headers.HttpResponseHeaders Headers => Response.Headers;

        public void Dispose() => Response.Dispose();
    }

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>Polls the status route (as a Durable Functions client does) until the status matches.</summary>
    private async Task<Polled> PollUntilAsync(string instanceId, Func<string, bool> reached, string query = "")
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var response = await host.Http.GetAsync($"{Root}/instances/{instanceId}{query}", deadline.Token);
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                var body = (await response.Content.ReadFromJsonAsync<JsonObject>(deadline.Token))!;
                if (reached(body["runtimeStatus"]!.GetValue<string>()))
                {
                    return new Polled(response, body);
                }
            }

            response.Dispose();
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
