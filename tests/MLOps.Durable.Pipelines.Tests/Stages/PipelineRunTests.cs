using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Client;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Definitions;
using MLOps.Durable.Pipelines.Events;
using MLOps.Durable.Pipelines.Monitoring;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Pipelines.Stages;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.InMemory;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Pipelines.Tests.Stages;

/// <summary>Whole pipeline runs on the engine (in-memory store, fake clock for the approval wait), real data, real trainers.</summary>
public sealed class PipelineRunTests : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("mlops-runs-").FullName;
    private readonly FakeTimeProvider _time = new();
    private readonly InMemoryModelRegistry _registry;
    private readonly FileSystemArtifactStore _artifacts;
    private readonly RecordingEventPublisher _events = new();
    private readonly MLOps.Durable.Pipelines.Serving.InMemoryPredictionLog _predictions;
    private DurableTestHost? _host;

    public PipelineRunTests()
    {
        _registry = new InMemoryModelRegistry(_time);
        _predictions = new MLOps.Durable.Pipelines.Serving.InMemoryPredictionLog(_time);
        _artifacts = new FileSystemArtifactStore(Path.Combine(_folder, "artifacts"));
    }

    [Fact]
    public async Task Run_NoReviewers_ValidatesTrainsEvaluatesAndDeploysToProduction()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic\n  sweep:\n    c: [0.1, 1, 10]", "gates: [accuracy >= 0.8]"));

        var outcome = await RunAsync(host, "iris");

        Assert.Equal(PipelineRunOutcome.Deployed, outcome.Outcome);
        Assert.Equal(1, outcome.ModelVersion);
        Assert.Equal(ModelAliases.Production, outcome.Alias);
        Assert.Equal("auto", outcome.ApprovedBy);
        Assert.Equal(["validate", "train", "evaluate", "approve", "deploy"], outcome.Stages.Select(s => s.Name));
        Assert.All(outcome.Stages, s => Assert.Equal("done", s.Status));
        Assert.Equal("best of 3", outcome.Stages[1].Detail![..9]);
        var version = await _registry.ResolveAsync("iris", ModelAliases.Production);
        Assert.Equal(outcome.Metrics!["accuracy"], version.Metrics["accuracy"]);
        Assert.StartsWith("sha256:", version.Lineage.DatasetHash, StringComparison.Ordinal);
        var names = (await _artifacts.ListAsync(await InstanceIdAsync(host))).Select(a => a.Name).ToList();
        Assert.Superset(
            new HashSet<string> { "profile.json", "validation-report.json", "evaluation-report.json", "metrics.json", "model.json", "model.onnx", "candidates/0/model.json", "candidates/2/model.json" },
            names.ToHashSet());
        Assert.Single(await _artifacts.ListAsync(RunData.PinnedFolder("iris")));
        var runId = await InstanceIdAsync(host);
        Assert.Equal(
            [PipelineEventTypes.RunStarted, PipelineEventTypes.ApprovalDecided, PipelineEventTypes.ModelRegistered, PipelineEventTypes.ModelDeployed, PipelineEventTypes.RunCompleted],
            _events.Events.Select(e => e.Type));
        Assert.Equal([.. Enumerable.Range(1, 5).Select(n => $"{runId}/{n}")], _events.Events.Select(e => e.Id));
        Assert.Equal("models/iris/versions/1", _events.Events[2].Subject);
        Assert.Equal($"pipelines/iris/runs/{runId}", _events.Events[0].Subject);
    }

    [Fact]
    public async Task Run_DataFromAUrl_IsDownloadedValidatedAndHashed()
    {
        var file = Path.Combine(RepositoryPaths.Workflows, "data", "iris.csv");
        await using var server = new CsvServer(file);
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]")
            .Replace(file, server.Url("?sv=2024&sig=secret"), StringComparison.Ordinal));

        var outcome = await RunAsync(host, "iris");

        Assert.Equal(PipelineRunOutcome.Deployed, outcome.Outcome);
        var expected = "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(file)));
        Assert.Equal(expected, (await _registry.ResolveAsync("iris", ModelAliases.Production)).Lineage.DatasetHash);
    }

    [Fact]
    public async Task Run_Reviewer_WaitsForAListedReviewer_ThenDeploys()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: gbdt\n  hyperparameters:\n    trees: 20", "metrics: [accuracy]", "approve:\n  reviewers: [alice@example.com]\n  timeout: 72h"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"));
        await host.WaitUntilAsync(async () => Status(await host.Client.GetInstanceAsync(id, true))?.Progress?.StartsWith("waiting for alice@example.com", StringComparison.Ordinal) == true, TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, ApprovalDecision.EventName, new ApprovalDecision(true, "mallory@example.com", "let me in"));
        await host.Client.RaiseEventAsync(id, ApprovalDecision.EventName, new ApprovalDecision(true, "Alice@Example.com", "looks good"));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        var outcome = done.ReadOutputAs<PipelineRunOutcome>()!;
        Assert.Equal(PipelineRunOutcome.Deployed, outcome.Outcome);
        Assert.Equal("Alice@Example.com", outcome.ApprovedBy);
        Assert.Contains("approval-request.json", (await _artifacts.ListAsync(id)).Select(a => a.Name));
    }

    [Fact]
    public async Task Run_NobodyDecidesInTime_IsRejectedAtApproval()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "approve:\n  reviewers: [alice@example.com]\n  timeout: 2h\n  onTimeout: reject"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"));
        await host.WaitUntilAsync(async () => Status(await host.Client.GetInstanceAsync(id, true))?.Stage == "approve" && (await host.Client.GetHistoryAsync(id)).OfType<History.TimerCreated>().Any(), TestTimeout.Token());

        _time.Advance(TimeSpan.FromHours(3));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());

        var outcome = done.ReadOutputAs<PipelineRunOutcome>()!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal((PipelineRunOutcome.Rejected, "approve"), (outcome.Outcome, outcome.RejectedAt));
        Assert.Contains("no decision within 2h", outcome.Reason, StringComparison.Ordinal);
        Assert.Empty(await _registry.GetModelsAsync());
        Assert.Equal(
            [PipelineEventTypes.RunStarted, PipelineEventTypes.ApprovalRequested, PipelineEventTypes.ApprovalTimedOut, PipelineEventTypes.RunRejected],
            _events.Events.Select(e => e.Type));
        Assert.Equal(["alice@example.com"], _events.Events[1].Data.GetProperty("reviewers").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Run_DataFailsValidation_IsRejectedAtValidateWithTheReport_AndTrainsNothing()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]").Replace("  target: species", "  target: species\n  validation:\n    minRows: 1000", StringComparison.Ordinal));

        var outcome = await RunAsync(host, "iris");

        Assert.Equal((PipelineRunOutcome.Rejected, "validate"), (outcome.Outcome, outcome.RejectedAt));
        Assert.StartsWith("1 errors:", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(["validation-report.json"], outcome.Reports.Where(r => r.StartsWith("validation", StringComparison.Ordinal)));
        var names = (await _artifacts.ListAsync(await InstanceIdAsync(host))).Select(a => a.Name).ToList();
        Assert.DoesNotContain(names, n => n.StartsWith("candidates/", StringComparison.Ordinal));
        Assert.Empty(await _registry.GetModelsAsync());
        Assert.Equal(PipelineEventTypes.RunRejected, _events.Events[^1].Type);
    }

    [Fact]
    public async Task Run_ReviewerRejects_IsRejectedAtApprovalWithTheComment()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "approve:\n  reviewers: [alice@example.com]"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"));
        await host.WaitForHistoryAsync(id, h => h.OfType<History.TimerCreated>().Any(), TestTimeout.Token());

        await host.Client.RaiseEventAsync(id, ApprovalDecision.EventName, new ApprovalDecision(false, "alice@example.com", "too few rows to trust"));
        var outcome = (await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token())).ReadOutputAs<PipelineRunOutcome>()!;

        Assert.Equal((PipelineRunOutcome.Rejected, "approve"), (outcome.Outcome, outcome.RejectedAt));
        Assert.Equal("rejected by alice@example.com: too few rows to trust", outcome.Reason);
        Assert.Empty(await _registry.GetModelsAsync());
    }

    [Fact]
    public async Task Run_RemindEvery_RemindsUntilTheDeadline_ThenTimesOut()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "approve:\n  reviewers: [alice@example.com]\n  timeout: 5h\n  remindEvery: 2h"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"));

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(2), TestTimeout.Token());
        await host.AdvanceAfterTimersAsync(id, 2, TimeSpan.FromHours(2), TestTimeout.Token());
        await host.AdvanceAfterTimersAsync(id, 3, TimeSpan.FromHours(1), TestTimeout.Token());
        var outcome = (await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token())).ReadOutputAs<PipelineRunOutcome>()!;

        Assert.Equal((PipelineRunOutcome.Rejected, "approve"), (outcome.Outcome, outcome.RejectedAt));
        var requests = _events.Events.Where(e => e.Type == PipelineEventTypes.ApprovalRequested).ToList();
        Assert.Equal([null, 1, 2], requests.Select(e => e.Data.TryGetProperty("reminder", out var n) ? n.GetInt32() : (int?)null));
        Assert.Equal(PipelineEventTypes.ApprovalTimedOut, _events.Events[^2].Type);
    }

    [Fact]
    public async Task Run_OnTimeoutEscalate_WaitsOnceMoreThenRejects()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "approve:\n  reviewers: [alice@example.com]\n  timeout: 1h\n  onTimeout: escalate"));
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"));

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(1), TestTimeout.Token());
        await host.WaitUntilAsync(() => Task.FromResult(_events.Events.Any(e => e.Type == PipelineEventTypes.ApprovalEscalated)), TestTimeout.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.AdvanceAfterTimersAsync(id, 2, TimeSpan.FromHours(1), TestTimeout.Token());
        var outcome = (await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token())).ReadOutputAs<PipelineRunOutcome>()!;

        Assert.Equal((PipelineRunOutcome.Rejected, "approve"), (outcome.Outcome, outcome.RejectedAt));
        Assert.Contains("no decision within 1h", outcome.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_GateFails_IsRejectedAtEvaluateWithTheReport()
    {
        var host = await StartAsync(Pipeline("diabetes", "diabetes.csv", "progression", "trainer: linear", "gates: [r2 >= 0.99]"));

        var outcome = await RunAsync(host, "diabetes");

        Assert.Equal((PipelineRunOutcome.Rejected, "evaluate"), (outcome.Outcome, outcome.RejectedAt));
        Assert.Contains("fails 'r2 >= 0.99'", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains("evaluation-report.json", outcome.Reports);
        var report = JsonDocument.Parse(await _artifacts.ReadAllBytesAsync(await InstanceIdAsync(host), "evaluation-report.json")).RootElement;
        Assert.False(report.GetProperty("passed").GetBoolean());
    }

    [Fact]
    public async Task Run_SecondCanaryRun_GoesToCanaryBesideProduction()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "deploy:\n  strategy: canary\n  canaryPercent: 25"));

        var first = await RunAsync(host, "iris", "run-1");
        var second = await RunAsync(host, "iris", "run-2");

        Assert.Equal((1, ModelAliases.Production), (first.ModelVersion, first.Alias));
        Assert.Equal((2, ModelAliases.Canary), (second.ModelVersion, second.Alias));
        var canary = (await _registry.GetAliasesAsync("iris")).Single(a => a.Alias == ModelAliases.Canary);
        Assert.Equal(25, canary.TrafficPercent);
    }

    [Fact]
    public async Task Canary_HealthyPeriodWithoutBreach_IsPromotedToProduction()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "deploy:\n  strategy: canary\n  canaryPercent: 20\n  promoteAfter: 2h\nmonitor:\n  enabled: false"));
        await RunAsync(host, "iris", "run-1");
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"), new StartOrchestrationOptions("run-2"));

        await host.AdvanceAfterTimersAsync(id, 1, TimeSpan.FromHours(2), TestTimeout.Token());
        var outcome = (await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token())).ReadOutputAs<PipelineRunOutcome>()!;

        Assert.Equal((PipelineRunOutcome.Deployed, ModelAliases.Production, 2), (outcome.Outcome, outcome.Alias, outcome.ModelVersion));
        Assert.Equal("promote", outcome.Stages[^1].Name);
        Assert.Equal(2, (await _registry.ResolveAsync("iris", ModelAliases.Production)).Version);
        Assert.DoesNotContain(await _registry.GetAliasesAsync("iris"), a => a.Alias == ModelAliases.Canary);
        Assert.Contains(_events.Events, e => e.Type == PipelineEventTypes.ModelPromoted && e.Subject == "models/iris/versions/2");
    }

    [Fact]
    public async Task Canary_FeedbackFailsThePerformanceGate_IsRolledBack()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "deploy:\n  strategy: canary\n  promoteAfter: 2h\nmonitor:\n  enabled: false\n  performance: accuracy >= 0.9"));
        await RunAsync(host, "iris", "run-1");
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest("iris"), new StartOrchestrationOptions("run-2"));
        await host.WaitForHistoryAsync(id, h => h.OfType<History.TimerCreated>().Any(), TestTimeout.Token());

        // The canary's answers were mostly wrong: 2 of 10 right.
        var served = Enumerable.Range(0, 10).Select(i => new MLOps.Durable.Pipelines.Serving.PredictionRecord(
            Guid.NewGuid(), "iris", 2, ModelAliases.Canary, _time.GetUtcNow(), "{}", "{\"label\":\"setosa\"}")).ToList();
        await _predictions.AppendAsync(served);
        for (var i = 0; i < served.Count; i++)
        {
            await _predictions.RecordFeedbackAsync(served[i].PredictionId, JsonSerializer.SerializeToElement(i < 2 ? "setosa" : "virginica"));
        }

        _time.Advance(TimeSpan.FromHours(2));
        var outcome = (await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token())).ReadOutputAs<PipelineRunOutcome>()!;

        Assert.Equal((PipelineRunOutcome.Rejected, "promote"), (outcome.Outcome, outcome.RejectedAt));
        Assert.Contains("accuracy 0.2 on 10 feedback fails 'accuracy >= 0.9'", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(1, (await _registry.ResolveAsync("iris", ModelAliases.Production)).Version);
        Assert.DoesNotContain(await _registry.GetAliasesAsync("iris"), a => a.Alias == ModelAliases.Canary);
        Assert.Contains(_events.Events, e => e.Type == PipelineEventTypes.ModelRolledBack);
    }

    [Fact]
    public async Task Monitor_ShiftedInputs_DetectsDriftAndStartsOneRetrainingRunPerCooldown()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "monitor:\n  every: 1h\n  onDrift: retrain\n  cooldown: 24h"));
        await RunAsync(host, "iris", "iris-first");
        var monitor = ModelMonitorOrchestrator.InstanceIdFor("iris");
        await host.WaitForHistoryAsync(monitor, h => h.OfType<History.TimerCreated>().Any(), TestTimeout.Token());

        await LogPredictionsAsync(60, shift: 4.0);
        _time.Advance(TimeSpan.FromHours(1));
        await host.WaitUntilAsync(async () => await host.Client.GetInstanceAsync("iris-retrain-1") is not null, TestTimeout.Token());
        await host.WaitUntilAsync(async () => State(await host.Client.GetInstanceAsync(monitor, true))?.Checks == 1, TestTimeout.Token());
        await host.Client.WaitForInstanceCompletionAsync("iris-retrain-1", false, TestTimeout.Token());

        var state = State(await host.Client.GetInstanceAsync(monitor, true))!;
        Assert.True(state.LastResult!.DatasetDrift, state.LastResult.Summary);
        Assert.Contains("petal_length", state.LastResult.DriftedColumns);
        Assert.Equal(_time.GetUtcNow().UtcDateTime, state.LastRetrainAt);
        Assert.Equal("drift", (await host.Client.GetInstanceAsync("iris-retrain-1", true))!.ReadInputAs<PipelineRunRequest>()!.Trigger);
        Assert.Contains(_events.Events, e => e.Type == PipelineEventTypes.DriftDetected && e.Subject == "models/iris/versions/1");
        Assert.Contains(_events.Events, e => e.Type == PipelineEventTypes.RetrainingStarted);
        Assert.NotNull(await _artifacts.ReadAllBytesAsync(CheckDriftActivity.Folder("iris"), "drift/000001.json"));

        // Still drifting an hour later, but inside the 24 h cooldown: reported, no second run.
        await host.WaitForHistoryAsync(monitor, h => h.OfType<History.TimerCreated>().Any(), TestTimeout.Token());
        await LogPredictionsAsync(60, shift: 4.0);
        _time.Advance(TimeSpan.FromHours(1));
        await host.WaitUntilAsync(async () => State(await host.Client.GetInstanceAsync(monitor, true))?.Checks == 2, TestTimeout.Token());
        Assert.True(State(await host.Client.GetInstanceAsync(monitor, true))!.LastResult!.DatasetDrift);
        Assert.Null(await host.Client.GetInstanceAsync("iris-retrain-2"));
    }

    [Fact]
    public async Task Monitor_TooFewPredictions_ChecksNothingAndStartsNothing()
    {
        var host = await StartAsync(Pipeline("iris", "iris.csv", "species", "trainer: logistic", "metrics: [accuracy]", "monitor:\n  every: 1h\n  onDrift: retrain"));
        await RunAsync(host, "iris", "iris-first");
        var monitor = ModelMonitorOrchestrator.InstanceIdFor("iris");
        await host.WaitForHistoryAsync(monitor, h => h.OfType<History.TimerCreated>().Any(), TestTimeout.Token());

        await LogPredictionsAsync(5, shift: 4.0);
        _time.Advance(TimeSpan.FromHours(1));
        await host.WaitUntilAsync(async () => State(await host.Client.GetInstanceAsync(monitor, true))?.Checks == 1, TestTimeout.Token());

        var result = State(await host.Client.GetInstanceAsync(monitor, true))!.LastResult!;
        Assert.False(result.Checked);
        Assert.StartsWith("5 predictions since", result.Summary, StringComparison.Ordinal);
        Assert.Null(await host.Client.GetInstanceAsync("iris-retrain-1"));
    }

    [Theory]
    [InlineData("wrong field count", "csv:3: wrong field count: expected 5 fields (as in the header), got 3")]
    [InlineData("target column missing", "csv:1: no column 'species' (the pipeline's target); the header has: a, b, c, d, kind")]
    [InlineData("invalid UTF-8", "csv:3:6: invalid UTF-8 byte sequence")]
    [InlineData("2 MiB line", "csv:3:")]
    [InlineData("binary file", "csv:1:")]
    [InlineData("empty file", "csv:")]
    public async Task Run_UnreadableData_IsRejectedAtValidateWithThePlace_WithoutRetrying(string kind, string reason)
    {
        var header = kind == "target column missing" ? "a,b,c,d,kind\n"u8.ToArray() : "sepal_length,sepal_width,petal_length,petal_width,species\n"u8.ToArray();
        var good = "5.1,3.5,1.4,0.2,setosa\n"u8.ToArray();
        byte[] data = kind switch
        {
            "wrong field count" => [.. header, .. good, .. "4.9,3.0,1.4\n"u8],
            "target column missing" => [.. header, .. good],
            "invalid UTF-8" => [.. header, .. good, .. "4.9,3"u8, 0xFF, .. ".0,1.4,0.2,setosa\n"u8],
            "2 MiB line" => [.. header, .. good, .. Enumerable.Repeat((byte)'7', 2 << 20), .. ",3.0,1.4,0.2,setosa\n"u8],
            "binary file" => [0x89, .. "PNG\r\n"u8, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0xFF, 0xFE],
            _ => [],
        };
        var file = Path.Combine(_folder, "bad.csv");
        await File.WriteAllBytesAsync(file, data);
        var host = await StartAsync(Pipeline("bad", "iris.csv", "species", "trainer: logistic", "gates: [accuracy >= 0.8]").Replace(Path.Combine(RepositoryPaths.Workflows, "data", "iris.csv"), file, StringComparison.Ordinal));

        var outcome = await RunAsync(host, "bad");

        Assert.Equal((PipelineRunOutcome.Rejected, "validate"), (outcome.Outcome, outcome.RejectedAt));
        Assert.StartsWith("the data cannot be read: " + file + ":", outcome.Reason, StringComparison.Ordinal);
        Assert.Contains(file[..^3] + reason, outcome.Reason, StringComparison.Ordinal);
        Assert.Equal(("validate", "rejected"), (outcome.Stages[^1].Name, outcome.Stages[^1].Status));
        var history = await host.Client.GetHistoryAsync(await InstanceIdAsync(host));
        Assert.Single(history.OfType<MLOps.Durable.History.TaskFailed>());
        Assert.Empty(await _registry.GetModelsAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    private async Task<DurableTestHost> StartAsync(string definition)
    {
        var workflows = Directory.CreateDirectory(Path.Combine(_folder, "workflows")).FullName;
        await File.WriteAllTextAsync(Path.Combine(workflows, "test.pipeline.yaml"), definition);
        var catalog = PipelineCatalog.Load(workflows);
        Assert.Empty(catalog.Errors);
        _host = await DurableTestHost.StartAsync(
            _ => new InMemoryDurableStore(_time),
            registry => PipelineTasks.Register(registry),
            _time,
            cancellationToken: TestTimeout.Token(),
            addServices: services => services.AddSingleton(catalog).AddSingleton<IArtifactStore>(_artifacts).AddSingleton<IModelRegistry>(_registry).AddSingleton<IEventPublisher>(_events).AddSingleton<MLOps.Durable.Pipelines.Serving.IPredictionLog>(_predictions));
        return _host;
    }

    private static async Task<PipelineRunOutcome> RunAsync(DurableTestHost host, string pipeline, string? id = null)
    {
        id = await host.Client.ScheduleNewOrchestrationInstanceAsync(PipelineRunOrchestrator.Name, new PipelineRunRequest(pipeline), new StartOrchestrationOptions(id));
        var done = await host.Client.WaitForInstanceCompletionAsync(id, true, TestTimeout.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, done.FailureDetails?.ToString());
        return done.ReadOutputAs<PipelineRunOutcome>()!;
    }

    private static async Task<string> InstanceIdAsync(DurableTestHost host) =>
        Assert.Single((await host.Client.GetInstancesPageAsync(new InstanceQuery())).Instances, i => i.Name == PipelineRunOrchestrator.Name).InstanceId;

    private static MonitorState? State(OrchestrationMetadata? instance) => instance?.ReadInputAs<MonitorState>();

    /// <summary>Iris-shaped rows logged as served by version 1, with petal length shifted by <paramref name="shift"/>.</summary>
    private async Task LogPredictionsAsync(int rows, double shift)
    {
        var random = new Random(rows);
        var records = Enumerable.Range(0, rows).Select(_ => new MLOps.Durable.Pipelines.Serving.PredictionRecord(
            Guid.NewGuid(), "iris", 1, ModelAliases.Production, _time.GetUtcNow(),
            JsonSerializer.Serialize(new
            {
                sepal_length = 5 + random.NextDouble(),
                sepal_width = 3 + random.NextDouble(),
                petal_length = 1 + (random.NextDouble() * 5) + shift,
                petal_width = random.NextDouble() * 2.5,
            }),
            "{\"label\":\"setosa\"}")).ToList();
        await _predictions.AppendAsync(records);
    }

    private static PipelineRunStatus? Status(OrchestrationMetadata? instance) =>
        instance?.SerializedCustomStatus is { } json ? JsonSerializer.Deserialize<PipelineRunStatus>(json, JsonSerializerOptions.Web) : null;

    private static string Pipeline(string name, string data, string target, string train, string evaluate, string extra = "") => $"""
        name: {name}
        data:
          source: {Path.Combine(RepositoryPaths.Workflows, "data", data)}
          target: {target}
        train:
          {train}
        evaluate:
          {evaluate}
        {extra}
        """;
}
