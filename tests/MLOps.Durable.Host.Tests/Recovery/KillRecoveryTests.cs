using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Host.Tests.Recovery;

/// <summary>
/// SIGKILL the host while a pipeline run trains and while it waits for approval, start it again on the same
/// files: the run finishes, every stage ran to completion once in history, and exactly one version is registered.
/// </summary>
public sealed class KillRecoveryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("mlops-kill-").FullName;

    [Fact]
    public async Task KillWhileWaitingForApproval_RestartAndApprove_DeploysOnce()
    {
        await WritePipelineAsync("review", "iris.csv", "species", "trainer: logistic", "reviewers: [alice@example.com]");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string runUri;
        using (var first = await HostProcess.StartAsync(_root, timeout.Token))
        {
            runUri = await StartRunAsync(first, "review", timeout.Token);
            await PollAsync(first, runUri, r => (string?)r["stage"] == "approve" && ((string?)r["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true, timeout.Token);
            first.Kill();
        }

        using var second = await HostProcess.StartAsync(_root, timeout.Token);
        using var approve = await second.Http.PostAsJsonAsync(new Uri(runUri).PathAndQuery + "/approval", new { approved = true, reviewer = "alice@example.com" }, timeout.Token);
        Assert.True(approve.StatusCode == HttpStatusCode.Accepted, await approve.Content.ReadAsStringAsync(timeout.Token));
        var run = await PollAsync(second, runUri, r => (string)r["status"]! is "deployed" or "rejected" or "Failed", timeout.Token);

        Assert.Equal("deployed", (string)run["status"]!);
        await AssertEachStageOnceAsync(second, (string)run["id"]!, candidates: 1, timeout.Token);
        await AssertOneVersionAsync("review");
    }

    [Fact]
    public async Task KillWhileTraining_Restart_FinishesWithEveryCandidateOnce()
    {
        const int candidates = 8;
        await WritePipelineAsync(
            "sweep", "breast_cancer.csv", "diagnosis",
            "trainer: gbdt\n  hyperparameters:\n    trees: 150\n  sweep:\n    learningRate: [0.05, 0.1]\n    maxLeaves: [7, 15, 31, 63]", "reviewers: []");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        string runUri;
        using (var first = await HostProcess.StartAsync(_root, timeout.Token))
        {
            runUri = await StartRunAsync(first, "sweep", timeout.Token);
            await PollAsync(first, runUri, r => (string?)r["stage"] == "train", timeout.Token);
            first.Kill();
        }

        using var second = await HostProcess.StartAsync(_root, timeout.Token);
        var run = await PollAsync(second, runUri, r => (string)r["status"]! is "deployed" or "rejected" or "Failed", timeout.Token);

        Assert.Equal("deployed", (string)run["status"]!);
        await AssertEachStageOnceAsync(second, (string)run["id"]!, candidates, timeout.Token);
        await AssertOneVersionAsync("sweep");
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private async Task WritePipelineAsync(string name, string data, string target, string train, string approve)
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), """{ "extensions": { "durableTask": { "lockTimeoutInSeconds": 5 } }, "logging": { "logLevel": { "default": "Warning" } } }""");
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", name + ".pipeline.yaml"), $"""
            name: {name}
            data:
              source: {Path.Combine(RepositoryPaths.Root(), "workflows", "data", data)}
              target: {target}
            train:
              {train}
            approve:
              {approve}
            """);
    }

    private static async Task<string> StartRunAsync(HostProcess host, string pipeline, CancellationToken cancellationToken)
    {
        using var started = await host.Http.PostAsync($"/api/pipelines/{pipeline}/runs", null, cancellationToken);
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"{started.StatusCode}: {await started.Content.ReadAsStringAsync(cancellationToken)}\n{host.Output}");
        return (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(cancellationToken))!["runUri"]!;
    }

    private static async Task<JsonNode> PollAsync(HostProcess host, string runUri, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        var path = new Uri(runUri).PathAndQuery;
        while (true)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                Assert.Fail($"The run did not get there in time.\n{host.Output}");
            }

            using var response = await host.Http.GetAsync(path, cancellationToken);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!;
            if (done(body))
            {
                return body;
            }

            await Task.Delay(50, cancellationToken);
        }
    }

    private static async Task AssertEachStageOnceAsync(HostProcess host, string runId, int candidates, CancellationToken cancellationToken)
    {
        var perActivity = RunHistoryAssertions.AssertEachTaskCompletedOnce(await RunHistoryAssertions.HistoryAsync(host, runId, cancellationToken), runId);
        Assert.Equal(candidates, perActivity["PipelineTrainCandidate"]);
        foreach (var stage in new[] { "PipelineLoadPlan", "PipelineValidateData", "PipelineEvaluate", "PipelineDeploy" })
        {
            Assert.Equal(1, perActivity[stage]);
        }
    }

    private async Task AssertOneVersionAsync(string model)
    {
        await using var registry = new SqliteModelRegistry(new SqliteModelRegistryOptions { DataSource = Path.Combine(_root, ".data", "MLOpsHub.registry.db") });
        var version = Assert.Single(await registry.GetVersionsAsync(model));
        Assert.Equal(1, version.Version);
    }
}
