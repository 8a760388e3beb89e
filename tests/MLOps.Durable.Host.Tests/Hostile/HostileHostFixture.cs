using System.Buffers.Text;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Host.Tests.Endpoints;
using MLOps.Durable.Pipelines.Approvals;
using MLOps.Durable.Storage;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Host.Tests.Hostile;

/// <summary>
/// The real host in the states hostile requests aim at: iris-auto deployed (a model that serves), an iris-review run
/// approved through a link and deployed (a spent link), and an iris-review run waiting for alice (a live link, and a
/// forged and an expired one for it). <see cref="SnapshotAsync"/> captures everything a request could lose or change.
/// </summary>
public sealed class HostileHostFixture : IAsyncLifetime
{
    public const string Alice = "alice@example.com";

    public HostFixture Host { get; } = new();

    /// <summary>The iris-auto run that deployed its model.</summary>
    public string DeployedRunId { get; private set; } = null!;

    /// <summary>The iris-review run waiting for alice.</summary>
    public string WaitingRunId { get; private set; } = null!;

    /// <summary>A live link for alice on the waiting run (path and query).</summary>
    public string LiveLink { get; private set; } = null!;

    /// <summary>The live link with its signature altered.</summary>
    public string ForgedLink { get; private set; } = null!;

    /// <summary>A link for alice on the waiting run, signed with the host's key, that expired an hour ago.</summary>
    public string ExpiredLink { get; private set; } = null!;

    /// <summary>The live link's token presented for the deployed run (another run).</summary>
    public string OtherRunLink { get; private set; } = null!;

    /// <summary>A link alice already approved with; its run has deployed since.</summary>
    public string SpentLink { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        DeployedRunId = await StartAsync("iris-auto");
        await PollAsync(DeployedRunId, "deployed");

        var approvedRunId = await StartAsync("iris-review");
        await PollAsync(approvedRunId, "waiting");
        SpentLink = await LinkAsync(approvedRunId);
        using (var approved = await Host.Anonymous.PostAsync(SpentLink, JsonContent.Create(new { approved = true, comment = "fine" })))
        {
            approved.EnsureSuccessStatusCode();
        }

        await PollAsync(approvedRunId, "deployed");

        WaitingRunId = await StartAsync("iris-review");
        await PollAsync(WaitingRunId, "waiting");
        LiveLink = await LinkAsync(WaitingRunId);
        var token = Uri.UnescapeDataString(LiveLink[(LiveLink.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        var parts = token.Split('.');
        var signature = Base64Url.DecodeFromChars(parts[1]);
        signature[^1] ^= 0x55;
        ForgedLink = DecidePath(WaitingRunId, parts[0] + "." + Base64Url.EncodeToString(signature));
        var key = await Host.App.Services.GetRequiredService<IDurableStore>().GetOrAddHostValueAsync("keys/approvalSigning", "unused");
        var past = new ApprovalLinkSigner(Base64Url.DecodeFromChars(key), new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2)));
        ExpiredLink = DecidePath(WaitingRunId, past.Create(WaitingRunId, Alice, TimeSpan.FromHours(1)).Value);
        OtherRunLink = DecidePath(DeployedRunId, token);
    }

    public Task DisposeAsync() => Host.DisposeAsync();

    /// <summary>
    /// What a request must not change: every instance and its status, the models, the registry's audit, the events,
    /// the approval decision of the waiting run, and the files under workflows/.
    /// </summary>
    public async Task<string> SnapshotAsync()
    {
        var text = new StringBuilder();
        var instances = (await Host.Http.GetFromJsonAsync<JsonArray>("/runtime/webhooks/durabletask/instances?top=1000"))!;
        foreach (var line in instances.Select(i => $"{i!["instanceId"]} {i["name"]} {i["runtimeStatus"]}").Order(StringComparer.Ordinal))
        {
            text.AppendLine(line);
        }

        text.AppendLine((await Host.Http.GetStringAsync("/api/models")).Trim());
        text.AppendLine((await Host.Http.GetStringAsync("/api/models/iris-auto/audit")).Trim());
        text.AppendLine($"events: {(await Host.Http.GetFromJsonAsync<JsonArray>("/api/events?top=10000"))!.Count}");
        var waiting = (await Host.Http.GetFromJsonAsync<JsonNode>($"/api/runs/{WaitingRunId}"))!;
        text.AppendLine($"waiting run: {waiting["status"]} {waiting["stage"]} {waiting["progress"]}");
        var accepted = await Host.App.Services.GetRequiredService<IApprovalAuditTrail>().GetAcceptedAsync(WaitingRunId);
        text.AppendLine($"accepted decision: {accepted?.Reviewer ?? "none"}");
        var workflows = Path.Combine(Host.ContentRoot, "workflows");
        foreach (var file in Directory.EnumerateFiles(workflows, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            text.AppendLine($"{Path.GetRelativePath(workflows, file)} {Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(file)))}");
        }

        return text.ToString();
    }

    private async Task<string> StartAsync(string pipeline)
    {
        using var started = await Host.Http.PostAsync($"/api/pipelines/{pipeline}/runs", null);
        started.EnsureSuccessStatusCode();
        return (string)(await started.Content.ReadFromJsonAsync<JsonNode>())!["id"]!;
    }

    private async Task<string> LinkAsync(string runId)
    {
        using var created = await Host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = Alice }));
        created.EnsureSuccessStatusCode();
        return new Uri((string)(await created.Content.ReadFromJsonAsync<JsonNode>())!["url"]!).PathAndQuery;
    }

    private static string DecidePath(string runId, string token) =>
        $"/api/approvals/{runId}/decide?reviewer={Uri.EscapeDataString(Alice)}&token={Uri.EscapeDataString(token)}";

    /// <summary>Polls the run over HTTP (the host runs on the real clock) until it is deployed or waits for approval.</summary>
    private async Task PollAsync(string runId, string state)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = (await Host.Http.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}", timeout.Token))!;
            var reached = state == "waiting"
                ? (string?)run["stage"] == "approve" && ((string?)run["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true
                : (string?)run["status"] == state;
            if (reached)
            {
                return;
            }

            if ((string?)run["status"] is "rejected" or "Failed" or "Terminated")
            {
                throw new InvalidOperationException($"{runId} ended before '{state}': {run.ToJsonString()}");
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
