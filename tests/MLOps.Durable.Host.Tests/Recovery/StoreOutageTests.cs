using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Testing.Azurite;
using Xunit.Abstractions;

namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>
/// The store goes away for a while: the host (a real process, host.json <c>storageProvider.type azureStorage</c>)
/// runs a pipeline on an Azurite that keeps its data on disk; Azurite is stopped while the run trains. The host
/// answers 503 Unhealthy naming the unreachable store, stays up, and its worker retries with growing delays; once
/// Azurite is back on the same ports and data, health is 200 again and the run finishes on its own, each
/// activity once, one registry version.
/// </summary>
public sealed partial class StoreOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Enough training (8 candidates of 200 trees) that the outage starts while candidates are still running.
    private const int Candidates = 8;

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-outage-").FullName;
    private readonly string _hub = "Outage" + Guid.NewGuid().ToString("N")[..12];
    private AzuriteProcess? _azurite;
    private HostProcess? _host;

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    private HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        _azurite = await AzuriteProcess.StartAsync(Path.Combine(_root, "azurite"), timeout.Token);
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), $$"""
            {
              "extensions": { "durableTask": { "hubName": "{{_hub}}", "lockTimeoutInSeconds": 5, "storageProvider": { "type": "azureStorage", "partitionCount": 2 } } },
              "logging": { "logLevel": { "default": "Warning", "MLOps.Durable.Worker": "Information" } }
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "local.settings.json"), new JsonObject
        {
            ["IsEncrypted"] = false,
            ["Values"] = new JsonObject { ["AzureWebJobsStorage"] = Azurite.ConnectionString },
        }.ToJsonString());
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "outage.pipeline.yaml"), $"""
            name: outage
            data:
              source: {Path.Combine(RepositoryPaths.Root(), "workflows", "data", "breast_cancer.csv")}
              target: diagnosis
            train:
              trainer: gbdt
              hyperparameters:
                trees: 200
              sweep:
                learningRate: [0.05, 0.1]
                maxLeaves: [7, 15, 31, 63]
            approve:
              reviewers: []
            monitor:
              enabled: false
            """);
    }

    [Fact]
    public async Task AzuriteStoppedAndRestarted_HostUnhealthyRetriesWithBackoffThenRecoversAndFinishesTheRun()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var ct = timeout.Token;
        _host = await HostProcess.StartAsync(_root, ct);
        using var started = await Host.Http.PostAsync("/api/pipelines/outage/runs", null, ct);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(ct));
        var runId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(ct))!["id"]!;
        var training = await PollAsync("the run trains", async () => await RunAsync(runId, ct) is { } r && (RunHistoryAssertions.IsFinished(r) || HasStage(r, "train")) ? r : null, ct);
        Assert.False(RunHistoryAssertions.IsFinished(training), $"The run finished before the outage; it needs more training work: {training.ToJsonString()}");

        // Outage.
        await Azurite.StopAsync();
        var stoppedAt = Stopwatch.StartNew();
        var unhealthy = await PollAsync("health is 503", async () =>
        {
            var (status, body) = await HealthAsync(ct);
            return status == HttpStatusCode.ServiceUnavailable ? body : null;
        }, ct);
        var unhealthyAfter = stoppedAt.Elapsed;
        Assert.Equal("Unhealthy", (string?)unhealthy["status"]);
        Assert.StartsWith("unreachable", (string?)unhealthy["store"], StringComparison.Ordinal);

        // The worker keeps trying, each time waiting longer, up to its cap, without exiting.
        // Six retries: the doubling ceilings 100 ms .. 3.2 s, each wait (jittered within [d/2, d]) at least the previous one.
        var delays = await PollAsync("the worker retried six times", () => Task.FromResult(RetryDelays(Host.Output) is { Count: >= 6 } seen ? seen : null), ct);
        Assert.False(Host.HasExited, "The host exited during the outage.\n" + Host.Output);
        Assert.All(delays.Take(6).Zip(delays.Skip(1).Take(5)), pair => Assert.True(pair.Second >= pair.First, $"retry delays {string.Join(", ", delays)}"));
        Assert.All(delays, d => Assert.InRange(d, TimeSpan.FromMilliseconds(50), TimeSpan.FromSeconds(5)));
        output.WriteLine($"unhealthy after {unhealthyAfter.TotalSeconds:0.0} s; retry delays: {string.Join(", ", delays.Select(d => d.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture)))}");

        // Back on the same ports with the same data.
        await Azurite.RestartAsync(ct);
        var restartedAt = Stopwatch.StartNew();
        await PollAsync("health is 200", async () => await HealthAsync(ct) is { Status: HttpStatusCode.OK } healthy ? healthy.Body : null, ct);
        var healthyAfter = restartedAt.Elapsed;
        var run = await PollAsync("the run finishes", async () => await RunAsync(runId, ct) is { } r && RunHistoryAssertions.IsFinished(r) ? r : null, ct);
        output.WriteLine($"healthy {healthyAfter.TotalSeconds:0.0} s after the restart; run finished {restartedAt.Elapsed.TotalSeconds:0.0} s after it");
        Assert.Contains("The orchestration dispatcher reached the store again after", Host.Output, StringComparison.Ordinal);
        output.WriteLine($"activities that could not reach their store: {Count(Host.Output, "could not reach its store")}; activity results given up: {Count(Host.Output, "could not be committed")}");

        Assert.Equal("deployed", (string?)run["status"]);
        var perActivity = RunHistoryAssertions.AssertEachTaskCompletedOnce(await RunHistoryAssertions.HistoryAsync(Host, runId, ct), runId);
        Assert.Equal(Candidates, perActivity["PipelineTrainCandidate"]);
        foreach (var stage in new[] { "PipelineLoadPlan", "PipelineValidateData", "PipelineEvaluate", "PipelineDeploy" })
        {
            Assert.Equal(1, perActivity[stage]);
        }

        var version = Assert.Single(await AzurePipelineStores.CreateRegistry(Azurite.ConnectionString, _hub).GetVersionsAsync("outage", ct));
        Assert.Equal(runId, version.RunId);
        Assert.False(Host.HasExited);
    }

    public async Task DisposeAsync()
    {
        _host?.Dispose();
        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>The delays the orchestration dispatcher logged with "could not reach the store; retrying in ...".</summary>
    private static List<TimeSpan> RetryDelays(string log) =>
        [.. RetryLine().Matches(log).Select(m => TimeSpan.Parse(m.Groups["delay"].Value, CultureInfo.InvariantCulture))];

    private static bool HasStage(JsonNode run, string stage) => run["stages"]!.AsArray().Any(s => (string?)s!["name"] == stage);

    private static int Count(string text, string what) => Regex.Count(text, Regex.Escape(what));

    private async Task<JsonNode> RunAsync(string runId, CancellationToken ct) =>
        JsonNode.Parse(await Host.Http.GetStringAsync($"/api/runs/{runId}", ct))!;

    private async Task<(HttpStatusCode Status, JsonNode Body)> HealthAsync(CancellationToken ct)
    {
        using var response = await Host.Http.GetAsync("/api/health", ct);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!);
    }

    private async Task<T> PollAsync<T>(string what, Func<Task<T?>> probe, CancellationToken ct)
        where T : class
    {
        try
        {
            while (!Host.HasExited)
            {
                if (await probe() is { } result)
                {
                    return result;
                }

                await Task.Delay(50, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Reported below with what the host and Azurite said.
        }

        Assert.Fail($"Gave up waiting until {what} (host exited: {Host.HasExited}).\nHost:\n{Host.Output}\nAzurite:\n{Azurite.Output}");
        return null!;
    }

    [GeneratedRegex(@"The orchestration dispatcher (?:could not|still cannot) reach the store[^\n]*; retrying in (?<delay>\d+:\d\d:\d\d(?:\.\d+)?)\.")]
    private static partial Regex RetryLine();
}
