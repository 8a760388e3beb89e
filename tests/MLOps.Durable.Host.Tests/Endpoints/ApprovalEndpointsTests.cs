using System.Buffers.Text;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Storage;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>Reviewer approvals over real HTTP: signed links end to end, refused links, non-reviewers, the audit trail.</summary>
public sealed class ApprovalEndpointsTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string Alice = "alice@example.com";

    [Fact]
    public async Task Link_ShowApproveRepeatConflictThenSpent_EndToEnd()
    {
        var runId = await StartWaitingRunAsync();
        using var pending = await host.Http.GetAsync("/api/approvals");
        var listed = (await Json(pending)).AsArray().Single(r => (string)r!["runId"]! == runId)!;

        using var created = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = "ALICE@example.com", lifetime = "2h" }));
        var link = await Json(created);
        var url = (string)link["url"]!;
        using var shown = await host.Anonymous.GetAsync(url);
        var request = await Json(shown);

        // Suspended, the run keeps the decision queued, so repeats are answered while it still waits.
        await Client.SuspendInstanceAsync(runId);
        await PollAsync(runId, r => (string)r["status"]! == "Suspended");
        using var approved = await host.Anonymous.PostAsync(url, JsonContent.Create(new { approved = true, comment = "ship it" }));
        using var again = await host.Anonymous.PostAsync(url, JsonContent.Create(new { approved = true }));
        using var changed = await host.Anonymous.PostAsync(url, JsonContent.Create(new { approved = false, comment = "second thoughts" }));
        using var viaApi = await host.Http.PostAsync($"/api/runs/{runId}/approval", JsonContent.Create(new { approved = true, reviewer = Alice }));
        await Client.ResumeInstanceAsync(runId);
        var run = await PollAsync(runId, r => (string)r["status"]! is not ("Running" or "Suspended"));
        using var late = await host.Anonymous.PostAsync(url, JsonContent.Create(new { approved = true }));
        using var lateShow = await host.Anonymous.GetAsync(url);
        using var lateLink = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = Alice }));

        Assert.Equal(["alice@example.com"], listed["reviewers"]!.AsArray().Select(r => (string)r!));
        Assert.True((double)listed["candidateMetrics"]!["accuracy"]! >= 0.8);
        Assert.NotNull(listed["deadline"]);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(url, created.Headers.Location!.ToString());
        Assert.StartsWith($"{host.BaseAddress.ToString().TrimEnd('/')}/api/approvals/{runId}/decide?reviewer=alice%40example.com&token=", url, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(("iris-review", Alice), ((string)request["pipeline"]!, (string)request["reviewer"]!));
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal("accepted", (string)(await Json(approved))["result"]!);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(("duplicate", "ship it"), ((string)(await Json(again))["result"]!, (string)(await Json(again))["comment"]!));
        Assert.Equal(HttpStatusCode.Conflict, changed.StatusCode);
        Assert.Contains("already approved by alice@example.com", (string)(await Json(changed))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, viaApi.StatusCode);
        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal(Alice, (string)run["outcome"]!["approvedBy"]!);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("This approval link has been used: alice@example.com approved run", (string)(await Json(late))["detail"]!, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Gone, lateShow.StatusCode);
        Assert.Equal(HttpStatusCode.Gone, lateLink.StatusCode);

        var audit = await AuditAsync(runId);
        Assert.Equal(["accepted", "duplicate", "conflict", "duplicate", "refused"], audit.Select(e => (string)e["result"]!));
        Assert.Equal(["link", "link", "link", "api", "link"], audit.Select(e => (string)e["channel"]!));
        Assert.All(audit, e => Assert.Equal("127.0.0.1", (string)e["remoteAddress"]!));
        Assert.Equal(("ship it", Alice, "approve"), ((string)audit[0]["comment"]!, (string)audit[0]["reviewer"]!, (string)audit[0]["decision"]!));
    }

    [Fact]
    public async Task Link_ForgedExpiredOrMismatched_403WithReason_AndRecorded()
    {
        var runId = await StartWaitingRunAsync();
        var otherRunId = await StartWaitingRunAsync();
        using var created = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = Alice }));
        var url = (string)(await Json(created))["url"]!;
        var token = Uri.UnescapeDataString(url[(url.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var parts = token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[1]);
        signature[^1] ^= 0x55;
        var forged = parts[0] + "." + Base64Url.EncodeToString(signature);
        var expired = (await PastSignerAsync()).Create(runId, Alice, TimeSpan.FromHours(1)).Value;

        using var forgedShow = await Show(runId, Alice, forged);
        using var forgedDecide = await Decide(runId, Alice, forged, approved: true);
        using var expiredDecide = await Decide(runId, Alice, expired, approved: true);
        using var otherRun = await Decide(otherRunId, Alice, token, approved: true);
        using var otherReviewer = await Show(runId, "mallory@example.com", token);
        using var noToken = await Show(runId, Alice, null);
        using var stillValid = await Show(runId, Alice, token);

        await AssertForbiddenAsync(forgedShow, "signature does not match");
        await AssertForbiddenAsync(forgedDecide, "signature does not match");
        await AssertForbiddenAsync(expiredDecide, "expired at");
        await AssertForbiddenAsync(otherRun, $"is for run '{runId}'");
        await AssertForbiddenAsync(otherReviewer, "is for reviewer 'alice@example.com'");
        await AssertForbiddenAsync(noToken, "not two base64url parts");
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
        var refused = await AuditAsync(runId);
        Assert.Equal(["refused", "refused"], refused.Select(e => (string)e["result"]!));
        Assert.Contains("expired at", (string)refused[1]["reason"]!, StringComparison.Ordinal);
        Assert.Null(await host.App.Services.GetRequiredService<IApprovalAuditTrail>().GetAcceptedAsync(runId));
    }

    [Fact]
    public async Task NonReviewer_LinkAndApiRefused403_AndRecordedWithRemoteAddress()
    {
        var runId = await StartWaitingRunAsync();

        using var link = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = "mallory@example.com" }));
        using var api = await host.Http.PostAsync($"/api/runs/{runId}/approval", JsonContent.Create(new { approved = true, reviewer = "mallory@example.com" }));
        using var unknown = await host.Http.PostAsync("/api/approvals/nope/links", JsonContent.Create(new { reviewer = Alice }));
        using var badLifetime = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = Alice, lifetime = "forever" }));
        using var withoutKey = await host.Anonymous.GetAsync("/api/approvals");
        using var rejected = await host.Http.PostAsync($"/api/runs/{runId}/approval", JsonContent.Create(new { approved = false, reviewer = Alice, comment = "too weak" }));
        var run = await PollAsync(runId, r => (string)r["status"]! is not ("Running" or "Suspended"));

        await AssertForbiddenAsync(link, "'mallory@example.com' is not a reviewer");
        await AssertForbiddenAsync(api, "'mallory@example.com' is not a reviewer");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLifetime.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, withoutKey.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, rejected.StatusCode);
        Assert.Equal("rejected", (string)run["status"]!);
        var audit = await AuditAsync(runId);
        Assert.Equal([("refused", "mallory@example.com"), ("accepted", Alice)], audit.Select(e => ((string)e["result"]!, (string)e["reviewer"]!)));
        Assert.All(audit, e => Assert.Equal(("127.0.0.1", "api"), ((string)e["remoteAddress"]!, (string)e["channel"]!)));
    }

    private DurableTaskClient Client => host.App.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>A signer with the host's key whose clock stands two hours back, so its one-hour tokens have expired.</summary>
    private async Task<ApprovalLinkSigner> PastSignerAsync()
    {
        var key = await host.App.Services.GetRequiredService<IDurableStore>().GetOrAddHostValueAsync("keys/approvalSigning", "unused");
        return new ApprovalLinkSigner(Base64Url.DecodeFromChars(key), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));
    }

    private async Task<string> StartWaitingRunAsync()
    {
        using var started = await host.Http.PostAsync("/api/pipelines/iris-review/runs", null);
        var runId = (string)(await Json(started))["id"]!;
        await PollAsync(runId, r => (string?)r["stage"] == "approve" && ((string?)r["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true);
        return runId;
    }

    private Task<HttpResponseMessage> Show(string runId, string reviewer, string? token) =>
        host.Anonymous.GetAsync(DecidePath(runId, reviewer, token));

    private Task<HttpResponseMessage> Decide(string runId, string reviewer, string token, bool approved) =>
        host.Anonymous.PostAsync(DecidePath(runId, reviewer, token), JsonContent.Create(new { approved }));

    private static string DecidePath(string runId, string reviewer, string? token) =>
        $"/api/approvals/{runId}/decide?reviewer={Uri.EscapeDataString(reviewer)}" + (token is null ? string.Empty : $"&token={Uri.EscapeDataString(token)}");

    private async Task<IReadOnlyList<JsonNode>> AuditAsync(string runId)
    {
        using var response = await host.Http.GetAsync($"/api/approvals/{runId}/audit");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await Json(response)).AsArray().Select(e => e!)];
    }

    private static async Task AssertForbiddenAsync(HttpResponseMessage response, string reason)
    {
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains(reason, (string)(await Json(response))["detail"]!, StringComparison.Ordinal);
    }

    private static async Task<JsonNode> Json(HttpResponseMessage response) => JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

    private async Task<JsonNode> PollAsync(string runId, Func<JsonNode, bool> done)
    {
        // The host runs on the real clock; poll the API the way a client would, bounded by the test timeout.
        var timeout = TestTimeout.Token();
        while (true)
        {
            using var response = await host.Http.GetAsync($"/api/runs/{runId}", timeout);
            var body = await Json(response);
            if (done(body))
            {
                return body;
            }

            await Task.Delay(50, timeout);
        }
    }
}
