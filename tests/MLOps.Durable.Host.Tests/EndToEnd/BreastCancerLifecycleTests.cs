using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.Host.Tests.Endpoints;
using MLOps.Durable.Pipelines.Monitoring;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Host.Tests.EndToEnd;

/// <summary>
/// The end-to-end path on the real host (Kestrel on loopback, SQLite, ONNX Runtime), with the shipped
/// breast-cancer pipeline and a fake clock for the monitor: start over HTTP -> approval-requested event at a
/// webhook subscriber -> approve through the signed link -> registered and deployed -> predict answers with
/// that version -> shifted inputs -> the next drift check reports drift and starts a retraining run.
/// </summary>
public sealed class BreastCancerLifecycleTests : IAsyncLifetime
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlops-e2e-").FullName;
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly WebhookRecorder _webhook = new();
    private WebApplication? _app;
    private HttpClient _http = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        CopyWorkflows(Path.Combine(RepositoryPaths.Root(), "workflows"), Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), $$"""
            {
              "mlops": { "eventSubscriptions": [ { "name": "reviewers", "endpoint": "{{_webhook.Url}}", "types": ["MLOps.Approval.Requested", "MLOps.Retraining.Started"] } ] },
              "logging": { "logLevel": { "default": "Warning" } }
            }
            """);
        _app = HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", _root, "--MLOPS_MASTER_KEY", "e2e-master", "--MLOPS_FUNCTION_KEY", "e2e-function"],
            configureServices: services => services.AddSingleton<TimeProvider>(_time));
        await _app.StartAsync();
        var address = new Uri(_app.Urls.First());
        _http = new HttpClient { BaseAddress = address };
        _http.DefaultRequestHeaders.Add("x-functions-key", "e2e-function");
        _anonymous = new HttpClient { BaseAddress = address };
    }

    [Fact]
    public async Task BreastCancer_FromStartToDriftTriggeredRetraining()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        // Start over HTTP; the reviewers' webhook hears that approval is requested.
        using var started = await _http.PostAsync("/api/pipelines/breast-cancer/runs", null, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(timeout.Token))!["id"]!;
        await Until(() => _webhook.Received.Any(e => (string?)e["type"] == "MLOps.Approval.Requested" && ((string?)e["subject"])!.EndsWith(runId, StringComparison.Ordinal)), timeout.Token);
        var requested = _webhook.Received.First(e => (string?)e["type"] == "MLOps.Approval.Requested");
        Assert.Contains("alice@example.com", requested["data"]!["reviewers"]!.AsArray().Select(r => (string)r!));

        // Approve through a signed link, without a key.
        using var linkResponse = await _http.PostAsJsonAsync($"/api/approvals/{runId}/links", new { reviewer = "alice@example.com" }, timeout.Token);
        Assert.Equal(HttpStatusCode.Created, linkResponse.StatusCode);
        var link = (string)JsonNode.Parse(await linkResponse.Content.ReadAsStringAsync(timeout.Token))!["url"]!;
        using var decided = await _anonymous.PostAsJsonAsync(link, new { approved = true, comment = "metrics look right" }, timeout.Token);
        Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        var run = await PollRunAsync(runId, r => (string)r["status"]! != "Running", timeout.Token);
        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal(1, (int)run["outcome"]!["modelVersion"]!);

        // The registered version answers predictions.
        var rows = ShiftedRows(40, shift: 0);
        using var predicted = await _http.PostAsJsonAsync("/api/models/breast-cancer/predict", new { rows }, timeout.Token);
        var answer = JsonNode.Parse(await predicted.Content.ReadAsStringAsync(timeout.Token))!;
        Assert.True(predicted.StatusCode == HttpStatusCode.OK, answer.ToJsonString());
        Assert.Equal(1, (int)answer["version"]!);
        Assert.Equal(40, answer["predictions"]!.AsArray().Count);

        // Shifted inputs, then the next hourly drift check (fake clock) finds drift and starts retraining.
        var client = _app!.Services.GetRequiredService<DurableTaskClient>();
        var monitor = ModelMonitorOrchestrator.InstanceIdFor("breast-cancer");
        await Until(async () => (await client.GetHistoryAsync(monitor)).OfType<History.TimerCreated>().Any(), timeout.Token);
        using var shifted = await _http.PostAsJsonAsync("/api/models/breast-cancer/predict", new { rows = ShiftedRows(80, shift: 3) }, timeout.Token);
        Assert.Equal(HttpStatusCode.OK, shifted.StatusCode);
        _time.Advance(TimeSpan.FromHours(1));
        await Until(async () => await client.GetInstanceAsync("breast-cancer-retrain-1") is not null, timeout.Token);

        // The monitor starts the run inside its check and records the result when it continues as new, just after.
        await Until(async () => (await client.GetInstanceAsync(monitor, true, timeout.Token))!.ReadInputAs<MonitorState>()!.Checks == 1, timeout.Token);
        var state = (await client.GetInstanceAsync(monitor, true, timeout.Token))!.ReadInputAs<MonitorState>()!;
        Assert.True(state.LastResult!.DatasetDrift, state.LastResult.Summary);
        Assert.Equal("drift", (await client.GetInstanceAsync("breast-cancer-retrain-1", true, timeout.Token))!.ReadInputAs<Pipelines.Stages.PipelineRunRequest>()!.Trigger);
        await Until(() => _webhook.Received.Any(e => (string?)e["type"] == "MLOps.Retraining.Started"), timeout.Token);

        // The monitors API shows the check for charts, and the stored report.
        var detail = JsonNode.Parse(await _http.GetStringAsync("/api/monitors/breast-cancer", timeout.Token))!;
        var point = Assert.Single(detail["history"]!.AsArray())!;
        Assert.True((bool)point["datasetDrift"]!);
        Assert.Equal(30, point["columns"]!.AsArray().Count);
        var column = point["columns"]![0]!;
        Assert.Equal("kolmogorovSmirnov", (string)column["method"]!);
        Assert.InRange((double)column["pValue"]!, 0, 1);
        Assert.Equal(0.05, (double)column["threshold"]!);
        Assert.Equal(1, (int)detail["monitor"]!["checks"]!);
        using var report = await _http.GetAsync("/api/monitors/breast-cancer/reports/1", timeout.Token);
        using var missingReport = await _http.GetAsync("/api/monitors/breast-cancer/reports/99", timeout.Token);
        using var missingPipeline = await _http.GetAsync("/api/monitors/nope", timeout.Token);
        Assert.Equal(HttpStatusCode.OK, report.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingReport.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missingPipeline.StatusCode);
        var all = JsonNode.Parse(await _http.GetStringAsync("/api/monitors", timeout.Token))!.AsArray();
        Assert.Equal("NotStarted", (string)all.Single(m => (string)m!["pipeline"]! == "iris")!["runtimeStatus"]!);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        _anonymous.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await _webhook.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Breast-cancer rows from the shipped data, every feature scaled by (1 + shift).</summary>
    private static List<Dictionary<string, double>> ShiftedRows(int count, double shift)
    {
        var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "workflows", "data", "breast_cancer.csv"));
        var header = lines[0].Split(',');
        return [.. lines.Skip(1).Take(count).Select(line =>
        {
            var cells = line.Split(',');
            return Enumerable.Range(0, header.Length - 1).ToDictionary(j => header[j], j => double.Parse(cells[j], CultureInfo.InvariantCulture) * (1 + shift));
        })];
    }

    private async Task<JsonNode> PollRunAsync(string runId, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var run = JsonNode.Parse(await _http.GetStringAsync($"/api/runs/{runId}", cancellationToken))!;
            if (done(run))
            {
                return run;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static Task Until(Func<bool> condition, CancellationToken cancellationToken) => Until(() => Task.FromResult(condition()), cancellationToken);

    private static async Task Until(Func<Task<bool>> condition, CancellationToken cancellationToken)
    {
        // The host works on its own threads; poll what a client can see, bounded by the test timeout.
        while (!await condition())
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    private static void CopyWorkflows(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
