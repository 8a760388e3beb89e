using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLOps.Durable.Host.Tests.Recovery;

namespace MLOps.Durable.Host.Tests.Hostile;

/// <summary>
/// The host process with every log category at Debug, used the way the secrets travel: keys in the header and in
/// <c>?code=</c>, a signed approval link opened and used, the topic key on a publish. Afterwards no secret may be in
/// its output, the stored events, any instance's input, output, status or history, the run and audit views, or the
/// dashboard's files.
/// </summary>
public sealed class SecretsTests : IDisposable
{
    private const string TopicKey = "topic-key-4f1c9b2e7d";
    private const string SigningKey = "c2lnbmluZy1rZXktdGhhdC1pcy1hdC1sZWFzdC0zMi1ieXRlcy1sb25n";

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-secrets-").FullName;

    [Fact]
    public async Task Secrets_UsedEveryWay_AppearNowhereTheHostWritesOrAnswers()
    {
        await WriteHostAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        using var host = await HostProcess.StartAsync(_root, timeout.Token);
        using var anonymous = new HttpClient { BaseAddress = host.BaseAddress };
        var seen = new StringBuilder();

        using (var byCode = await anonymous.GetAsync($"/api/runs?code={HostProcess.FunctionKey}", timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, byCode.StatusCode);
        }

        using var started = await host.Http.PostAsync("/api/pipelines/review/runs", null, timeout.Token);
        var runId = (string)(await started.Content.ReadFromJsonAsync<JsonNode>(timeout.Token))!["id"]!;
        await PollAsync(host, runId, r => ((string?)r["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true, timeout.Token);
        using var created = await host.Http.PostAsync($"/api/approvals/{runId}/links", JsonContent.Create(new { reviewer = "alice@example.com" }), timeout.Token);
        var link = new Uri((string)(await created.Content.ReadFromJsonAsync<JsonNode>(timeout.Token))!["url"]!).PathAndQuery;
        var token = Uri.UnescapeDataString(link[(link.IndexOf("token=", StringComparison.Ordinal) + 6)..]);
        using (var shown = await anonymous.GetAsync(link, timeout.Token))
        using (var decided = await anonymous.PostAsync(link, JsonContent.Create(new { approved = true, comment = "ok" }), timeout.Token))
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }

        await PollAsync(host, runId, r => (string?)r["status"] == "deployed", timeout.Token);
        using (var predicted = await host.Http.PostAsJsonAsync(
            "/api/models/review/predict", new { row = new { sepal_length = 5.1, sepal_width = 3.5, petal_length = 1.4, petal_width = 0.2 } }, timeout.Token))
        {
            Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        }

        using (var publish = new HttpRequestMessage(HttpMethod.Post, "/api/events/topic")
        {
            Content = new StringContent("""[{"id":"x1","type":"Test.Sent","source":"tests","specversion":"1.0","data":{}}]""", Encoding.UTF8, "application/json"),
        })
        {
            publish.Headers.Add("aeg-sas-key", TopicKey);
            using var published = await anonymous.SendAsync(publish, timeout.Token);
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        foreach (var path in new[]
        {
            "/api/events?top=10000", "/api/runs", $"/api/runs/{runId}", $"/api/runs/{runId}/history", $"/api/approvals/{runId}/audit",
            "/api/models/review", "/api/monitors", "/api/approvals", "/api/pipelines", "/api/health", "/api/openapi.json",
            "/runtime/webhooks/durabletask/instances?showInput=true&top=1000",
        })
        {
            seen.AppendLine(await host.Http.GetStringAsync(path, timeout.Token));
        }

        var instances = (await host.Http.GetFromJsonAsync<JsonArray>("/runtime/webhooks/durabletask/instances?top=1000", timeout.Token))!;
        foreach (var id in instances.Select(i => (string)i!["instanceId"]!))
        {
            seen.AppendLine(await host.Http.GetStringAsync($"/runtime/webhooks/durabletask/instances/{id}?showInput=true&showHistory=true&showHistoryOutput=true", timeout.Token));
        }

        foreach (var file in new[] { "/", "/js/api.js", "/js/app.js" })
        {
            seen.AppendLine(await anonymous.GetStringAsync(file, timeout.Token));
        }

        var output = host.Output;
        Assert.Contains($"GET /api/approvals/{runId}/decide -> 200", output, StringComparison.Ordinal);
        foreach (var (name, secret) in new[]
        {
            ("master key", HostProcess.MasterKey), ("function key", HostProcess.FunctionKey), ("topic key", TopicKey),
            ("approval signing key", SigningKey), ("approval link token", token),
        })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The {name} is in the host's output:\n{Around(output, secret)}");
            Assert.False(seen.ToString().Contains(secret, StringComparison.Ordinal), $"The {name} is in an answer:\n{Around(seen.ToString(), secret)}");
        }
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task WriteHostAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), """{ "logging": { "logLevel": { "default": "Debug" } } }""");
        await File.WriteAllTextAsync(Path.Combine(_root, "local.settings.json"), $$"""
            { "IsEncrypted": false, "Values": { "MLOPS_LOCAL_TOPIC_KEY": "{{TopicKey}}", "MLOPS_APPROVAL_SIGNING_KEY": "{{SigningKey}}" } }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "review.pipeline.yaml"), $"""
            name: review
            data:
              source: {Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv")}
              target: species
            train:
              trainer: logistic
            approve:
              reviewers: [alice@example.com]
            """);
    }

    private static async Task PollAsync(HostProcess host, string runId, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = (await host.Http.GetFromJsonAsync<JsonNode>($"/api/runs/{runId}", cancellationToken))!;
            if (done(run))
            {
                return;
            }

            Assert.False((string?)run["status"] is "rejected" or "Failed", $"{run.ToJsonString()}\n{host.Output}");
            await Task.Delay(50, cancellationToken);
        }
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.Ordinal);
        return text[Math.Max(0, at - 300)..Math.Min(text.Length, at + secret.Length + 100)];
    }
}
