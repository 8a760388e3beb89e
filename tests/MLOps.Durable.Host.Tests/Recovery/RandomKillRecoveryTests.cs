using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLOps.Durable.Pipelines.Registry;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>
/// Twenty pipeline runs on four pipelines (two wait for a reviewer, two deploy on their own; all monitored every two
/// seconds) while the host is SIGKILLed at seeded-random moments - while runs train, while they wait for approval,
/// while approved runs deploy and while the monitors check - and restarted on the same files each time. Afterwards
/// every run is deployed, each activity of each run completed exactly once in its history, the registry holds one
/// version per run and the monitors keep checking. The kill moments are the injected fault; every assertion is on
/// a state polled for, never on timing. The seed is printed and named in any failure; MLOPS_KILL_SEED replays it.
/// </summary>
public sealed class RandomKillRecoveryTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>Set to a seed printed by an earlier run to replay its kill moments.</summary>
    public const string SeedVariable = "MLOPS_KILL_SEED";

    private const string Reviewer = "alice@example.com";
    private const int RunsPerPipeline = 5;
    private static readonly string[] ReviewedPipelines = ["reviewed0", "reviewed1"];
    private static readonly string[] AutoPipelines = ["auto0", "auto1"];

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-chaos-").FullName;
    private readonly List<string> _steps = [];
    private readonly List<string> _runs = [];
    private readonly HashSet<string> _reviewed = [];
    private HostProcess? _host;
    private int _kills;

    private HostProcess Host => _host ?? throw new InvalidOperationException("The host has not started.");

    [Fact]
    public async Task TwentyRuns_KilledAtRandomMomentsAndRestarted_EveryRunDeployedEachActivityOnceOneVersionPerRun()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } text ? int.Parse(text, CultureInfo.InvariantCulture) : Random.Shared.Next();
        Step($"seed {seed} (replay: {SeedVariable}={seed})");
        try
        {
            await RunScenarioAsync(new Random(seed));
        }
        catch (Exception ex)
        {
            throw new XunitException(
                $"Seed {seed} (replay with {SeedVariable}={seed}): {ex.GetType().Name}: {ex.Message}\nSteps:\n{string.Join('\n', _steps)}\n" +
                $"Host output since its last start:\n{_host?.Output}",
                ex);
        }
    }

    public void Dispose()
    {
        _host?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private async Task RunScenarioAsync(Random random)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var ct = timeout.Token;
        await WriteFilesAsync();
        _host = await HostProcess.StartAsync(_root, ct);
        // All at once, so that the first kill finds runs at every early stage.
        var pipelines = Enumerable.Range(0, RunsPerPipeline).SelectMany(_ => ReviewedPipelines.Concat(AutoPipelines)).ToList();
        var ids = await Task.WhenAll(pipelines.Select(p => StartRunAsync(p, ct)));
        _runs.AddRange(ids);
        _reviewed.UnionWith(ids.Where((_, i) => ReviewedPipelines.Contains(pipelines[i])));
        Step($"started {_runs.Count} runs");

        // 1. Training: as soon as a run has started training.
        var trigger = await WaitForRunsAsync("a run trains", runs => runs.Values.Any(r => HasStage(r, "train")), ct);
        await KillAndRestartAsync(random, "training", trigger, maxDelayMs: 500, ct);

        // 2. Approval wait: every reviewed run waits (the others may still be deploying or monitoring).
        trigger = await WaitForRunsAsync("every reviewed run waits for approval", runs => _reviewed.All(id => IsWaitingForApproval(runs[id])), ct);
        await KillAndRestartAsync(random, "approval wait", trigger, maxDelayMs: 300, ct);

        // 3. Deploy: approve every reviewed run at once and kill while the approvals arrive and the runs deploy
        //    (a deploy takes a few hundred milliseconds at most, hence the short delays).
        var approvals = _reviewed.Select(id => TryApproveAsync(Host, id, ct)).ToList();
        trigger = await WaitForRunsAsync("a reviewed run deploys", runs => _reviewed.Any(id => HasStage(runs[id], "deploy")), ct);
        await KillAndRestartAsync(random, "deploy", trigger, maxDelayMs: 150, ct, before: () => Task.WhenAll(approvals));

        // A client retries the approvals it could not confirm: the same answer again is accepted (200) or delivered
        // (202) while the run waits, and a run that already finished says so (410).
        foreach (var id in _reviewed)
        {
            using var approve = await Host.Http.PostAsJsonAsync($"/api/runs/{id}/approval", new { approved = true, reviewer = Reviewer }, ct);
            Assert.True(
                approve.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Gone,
                $"Approval of '{id}' again: {(int)approve.StatusCode} {await approve.Content.ReadAsStringAsync(ct)}");
        }

        // 4. Monitor: every pipeline's monitor has checked once; kill within its two-second interval.
        await WaitForMonitorsAsync("every monitor checked once", checks => checks.Count == 4 && checks.Values.All(c => c >= 1), ct);
        await KillAndRestartAsync(random, "monitor", await ReadRunsAsync(ct), maxDelayMs: 2_000, ct);

        var runs = await WaitForRunsAsync("every run finished", all => _runs.All(id => RunHistoryAssertions.IsFinished(all[id])), ct);
        var before = await MonitorChecksAsync(ct);
        await WaitForMonitorsAsync("every monitor checked twice more after the last restart", checks => before.All(b => checks[b.Key] >= b.Value + 2), ct);
        Step($"done after {_kills} kills");

        await AssertRunsAsync(runs, ct);
        await AssertRegistryAsync(runs);
        await AssertMonitorsAsync(ct);
        output.WriteLine(string.Join('\n', _steps));
    }

    /// <summary>SIGKILL <paramref name="maxDelayMs"/> or less after <paramref name="atTrigger"/> was read, then start the host again.</summary>
    private async Task KillAndRestartAsync(Random random, string phase, Dictionary<string, JsonNode> atTrigger, int maxDelayMs, CancellationToken ct, Func<Task>? before = null)
    {
        var delay = random.Next(maxDelayMs + 1);
        await Task.Delay(delay, ct);
        Host.Kill();
        _kills++;
        if (before is not null)
        {
            await before();
        }

        Host.Dispose();
        var started = DateTimeOffset.UtcNow;
        _host = await HostProcess.StartAsync(_root, ct);
        Step($"kill {_kills} ({phase}) {delay} ms after the trigger, runs by stage at the trigger: " +
            $"{string.Join(", ", atTrigger.Values.GroupBy(Describe).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Key} {g.Count()}"))}; " +
            $"healthy again after {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s");
    }

    private async Task AssertRunsAsync(Dictionary<string, JsonNode> runs, CancellationToken ct)
    {
        foreach (var id in _runs)
        {
            var run = runs[id];
            Assert.True((string?)run["status"] == "deployed", $"Run '{id}' is {run["status"]}: {run.ToJsonString()}");
            var history = await RunHistoryAssertions.HistoryAsync(Host, id, ct);
            var perActivity = RunHistoryAssertions.AssertEachTaskCompletedOnce(history, id);
            var expected = new Dictionary<string, int>
            {
                ["PipelineLoadPlan"] = 1,
                ["PipelineValidateData"] = 1,
                ["PipelineTrainCandidate"] = 1,
                ["PipelineEvaluate"] = 1,
                ["PipelineRequestApproval"] = _reviewed.Contains(id) ? 1 : 0,
                ["PipelineDeploy"] = 1,
                ["PipelineEnsureMonitor"] = 1,
            };
            foreach (var (activity, count) in expected)
            {
                Assert.True(perActivity.GetValueOrDefault(activity) == count, $"Run '{id}': {activity} ran {perActivity.GetValueOrDefault(activity)} times, expected {count}.");
            }

            Assert.Single(history, e => (string?)e!["EventType"] == "ExecutionCompleted");
        }
    }

    private async Task AssertRegistryAsync(Dictionary<string, JsonNode> runs)
    {
        await using var registry = new SqliteModelRegistry(new SqliteModelRegistryOptions { DataSource = Path.Combine(_root, ".data", "MLOpsHub.registry.db") });
        foreach (var pipeline in ReviewedPipelines.Concat(AutoPipelines))
        {
            var versions = await registry.GetVersionsAsync(pipeline);
            var expectedRuns = _runs.Where(id => (string)runs[id]["pipeline"]! == pipeline).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expectedRuns, versions.Select(v => v.RunId).Order(StringComparer.Ordinal).ToList());
            Assert.Equal(Enumerable.Range(1, RunsPerPipeline), versions.Select(v => v.Version).Order());
            foreach (var version in versions)
            {
                Assert.Equal(version.Version, (int)runs[version.RunId]["outcome"]!["modelVersion"]!);
            }
        }
    }

    private async Task AssertMonitorsAsync(CancellationToken ct)
    {
        var monitors = JsonNode.Parse(await Host.Http.GetStringAsync("/api/monitors", ct))!.AsArray();
        foreach (var monitor in monitors)
        {
            var id = (string)monitor!["instanceId"]!;
            // Eternal: between two checks it is Running, or for a moment ContinuedAsNew or Pending; never finished.
            Assert.True((string?)monitor["runtimeStatus"] is "Running" or "ContinuedAsNew" or "Pending", $"Monitor '{id}': {monitor.ToJsonString()}");
            RunHistoryAssertions.AssertEachTaskCompletedOnce(await RunHistoryAssertions.HistoryAsync(Host, id, ct), id, allowOpen: true);
        }
    }

    private async Task WriteFilesAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), """
            {
              "extensions": { "durableTask": { "lockTimeoutInSeconds": 5 } },
              "logging": { "logLevel": { "default": "Warning" } }
            }
            """);
        var data = Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv");
        foreach (var pipeline in ReviewedPipelines.Concat(AutoPipelines))
        {
            var reviewers = ReviewedPipelines.Contains(pipeline) ? $"[{Reviewer}]" : "[]";
            await File.WriteAllTextAsync(Path.Combine(_root, "workflows", pipeline + ".pipeline.yaml"), $"""
                name: {pipeline}
                data:
                  source: {data}
                  target: species
                train:
                  trainer: logistic
                approve:
                  reviewers: {reviewers}
                  timeout: 1h
                monitor:
                  every: 2s
                """);
        }
    }

    private async Task<string> StartRunAsync(string pipeline, CancellationToken ct)
    {
        using var started = await Host.Http.PostAsync($"/api/pipelines/{pipeline}/runs", null, ct);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{started.StatusCode}: {await started.Content.ReadAsStringAsync(ct)}");
        return (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(ct))!["id"]!;
    }

    /// <summary>An approval that may be cut off by the kill; the scenario sends it again after the restart.</summary>
    private static async Task TryApproveAsync(HostProcess host, string id, CancellationToken ct)
    {
        try
        {
            using var approve = await host.Http.PostAsJsonAsync($"/api/runs/{id}/approval", new { approved = true, reviewer = Reviewer }, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or ObjectDisposedException || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // The host died under the request.
        }
    }

    private async Task<Dictionary<string, JsonNode>> WaitForRunsAsync(string what, Func<Dictionary<string, JsonNode>, bool> done, CancellationToken ct)
    {
        while (true)
        {
            if (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            var runs = await ReadRunsAsync(ct);
            if (_runs.All(runs.ContainsKey) && done(runs))
            {
                return runs;
            }

            await Task.Delay(50, ct);
        }
    }

    private async Task<Dictionary<string, JsonNode>> ReadRunsAsync(CancellationToken ct) =>
        JsonNode.Parse(await Host.Http.GetStringAsync("/api/runs?top=1000", ct))!.AsArray().ToDictionary(r => (string)r!["id"]!, r => r!);

    private async Task WaitForMonitorsAsync(string what, Func<Dictionary<string, int>, bool> done, CancellationToken ct)
    {
        while (!done(await MonitorChecksAsync(ct)))
        {
            if (ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(100, ct);
        }
    }

    /// <summary>Checks done per started monitor.</summary>
    private async Task<Dictionary<string, int>> MonitorChecksAsync(CancellationToken ct) =>
        JsonNode.Parse(await Host.Http.GetStringAsync("/api/monitors", ct))!.AsArray()
            .Where(m => (string?)m!["runtimeStatus"] != "NotStarted")
            .ToDictionary(m => (string)m!["pipeline"]!, m => (int)m!["checks"]!);

    private static bool HasStage(JsonNode run, string stage) => run["stages"]!.AsArray().Any(s => (string?)s!["name"] == stage);

    private static bool IsWaitingForApproval(JsonNode run) =>
        (string?)run["status"] == "Running" && (string?)run["stage"] == "approve" && ((string?)run["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true;

    private static string Describe(JsonNode run) => (string?)run["status"] == "Running" ? (string?)run["stage"] ?? "starting" : (string)run["status"]!;

    private void Step(string text)
    {
        _steps.Add($"{DateTimeOffset.UtcNow:HH:mm:ss.fff} {text}");
    }
}
