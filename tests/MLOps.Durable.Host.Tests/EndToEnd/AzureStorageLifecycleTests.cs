using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.WindowsAzure.Storage;
using Microsoft.WindowsAzure.Storage.Blob;
using MLOps.Durable.Pipelines.Artifacts;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Storage;
using MLOps.Durable.Storage.AzureStorage;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Testing;
using MLOps.Durable.Testing.Azurite;

namespace MLOps.Durable.Host.Tests.EndToEnd;

/// <summary>
/// The host with host.json <c>storageProvider.type azureStorage</c> against a real Azurite started by the test: the
/// shipped iris pipeline runs over HTTP, is approved through the API and deployed, and the model version is in the
/// hub's registry table and the run's artifacts in its blob container, with no SQLite task hub, registry or artifact
/// folder on disk. The connection string comes from local.settings.json, as <c>func start</c> would read it.
/// </summary>
public sealed class AzureStorageLifecycleTests : IAsyncLifetime
{
    private const string FunctionKey = "azure-function";

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-azure-e2e-").FullName;

    // Unique per test run so that runs sharing an emulator, or a rerun, never see each other's hub.
    private readonly string _hub = "AzHost" + Guid.NewGuid().ToString("N")[..12];
    private AzuriteProcess? _azurite;
    private WebApplication? _app;
    private HttpClient _http = null!;

    private AzuriteProcess Azurite => _azurite ?? throw new InvalidOperationException("Azurite has not started.");

    public async Task InitializeAsync()
    {
        _azurite = await AzuriteProcess.StartAsync(TestTimeout.Token());
        var workflows = Path.Combine(RepositoryPaths.Root(), "workflows");
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "data"));
        File.Copy(Path.Combine(workflows, "iris.pipeline.yaml"), Path.Combine(_root, "workflows", "iris.pipeline.yaml"));
        File.Copy(Path.Combine(workflows, "data", "iris.csv"), Path.Combine(_root, "workflows", "data", "iris.csv"));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), $$"""
            {
              "version": "2.0",
              "extensions": { "durableTask": { "hubName": "{{_hub}}", "storageProvider": { "type": "azureStorage", "partitionCount": 2 } } },
              "logging": { "logLevel": { "default": "Warning" } }
            }
            """);
        await File.WriteAllTextAsync(Path.Combine(_root, "local.settings.json"), new JsonObject
        {
            ["IsEncrypted"] = false,
            ["Values"] = new JsonObject { ["AzureWebJobsStorage"] = Azurite.ConnectionString },
        }.ToJsonString());
        _app = HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", _root, "--MLOPS_FUNCTION_KEY", FunctionKey]);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    [Fact]
    public async Task IrisPipeline_OnAzureStorage_DeploysWithRegistryInTableAndArtifactsInBlobs()
    {
        var timeout = TestTimeout.Token();

        // The banner names the backend and the emulator's blob endpoint, never the key.
        using var banner = new StringWriter();
        await HostBanner.PrintAsync(_app!, banner);
        Assert.Contains(
            $"Storage: Azure Storage, Azurite (development storage), blob endpoint http://127.0.0.1:{Azurite.BlobPort}/{AzuriteProcess.AccountName}, 2 partitions",
            banner.ToString(),
            StringComparison.Ordinal);
        Assert.DoesNotContain(AzuriteProcess.AccountKey, banner.ToString(), StringComparison.Ordinal);
        Assert.IsType<AzureStorageDurableStore>(_app!.Services.GetRequiredService<IDurableStore>());

        // Start over HTTP, wait for the reviewer, approve through the API, wait for the deployment.
        using var started = await _http.PostAsync("/api/pipelines/iris/runs", null, timeout);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var runId = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync(timeout))!["id"]!;
        await PollRunAsync(runId, r => (string?)r["stage"] == "approve" && ((string?)r["progress"])?.StartsWith("waiting", StringComparison.Ordinal) == true, timeout);
        using var approved = await _http.PostAsJsonAsync($"/api/runs/{runId}/approval", new { approved = true, reviewer = "carol@example.com", comment = "on Azurite" }, timeout);
        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        var run = await PollRunAsync(runId, r => (string)r["status"]! != "Running", timeout);
        Assert.Equal("deployed", (string)run["status"]!);
        Assert.Equal(1, (int)run["outcome"]!["modelVersion"]!);

        // The API answers from the table registry, and serving loads the ONNX file from blobs.
        var model = JsonNode.Parse(await _http.GetStringAsync("/api/models/iris", timeout))!;
        Assert.Equal(1, (int)model["latestVersion"]!);
        Assert.Equal(runId, (string)model["versions"]![0]!["runId"]!);
        using var predicted = await _http.PostAsJsonAsync(
            "/api/models/iris/predict", new { row = new { sepal_length = 6.3, sepal_width = 2.9, petal_length = 5.6, petal_width = 1.8 } }, timeout);
        Assert.Equal(HttpStatusCode.OK, predicted.StatusCode);
        Assert.Equal(1, (int)JsonNode.Parse(await predicted.Content.ReadAsStringAsync(timeout))!["version"]!);

        // Read back from the account itself: the version in {hub}ModelRegistry, the artifacts under {hub}-artifacts/{run}/.
        var registry = AzurePipelineStores.CreateRegistry(Azurite.ConnectionString, _hub);
        var version = await registry.GetVersionAsync("iris", 1, timeout);
        Assert.Equal(runId, version.RunId);
        var production = Assert.Single(await registry.GetAliasesAsync("iris", timeout));
        Assert.Equal((ModelAliases.Production, 1), (production.Alias, production.Version));
        var blobs = await ListBlobsAsync(_hub.ToLowerInvariant() + "-artifacts", runId + "/", timeout);
        Assert.Contains($"{runId}/{ArtifactNames.ModelJson}", blobs);
        Assert.Contains($"{runId}/{ArtifactNames.Onnx}", blobs);
        Assert.Contains($"{runId}/{ArtifactNames.Metrics}", blobs);

        // Nothing of the task hub, registry or artifacts went to local files; only the stores without an Azure counterpart did.
        var data = Path.Combine(_root, ".data");
        Assert.False(File.Exists(Path.Combine(data, _hub + ".db")));
        Assert.False(File.Exists(Path.Combine(data, _hub + ".registry.db")));
        Assert.False(Directory.Exists(Path.Combine(data, _hub + ".artifacts")));
        Assert.True(File.Exists(Path.Combine(data, _hub + ".approvals.db")));
    }

    public async Task DisposeAsync()
    {
        _http?.Dispose();
        if (_app is not null)
        {
            // Before Azurite goes: stopping releases the partition leases on the emulator.
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_azurite is not null)
        {
            await _azurite.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    private async Task<List<string>> ListBlobsAsync(string container, string prefix, CancellationToken cancellationToken)
    {
        var reference = CloudStorageAccount.Parse(Azurite.ConnectionString).CreateCloudBlobClient().GetContainerReference(container);
        var names = new List<string>();
        BlobContinuationToken? token = null;
        do
        {
            var segment = await reference.ListBlobsSegmentedAsync(prefix, true, BlobListingDetails.None, null, token, null, null, cancellationToken);
            names.AddRange(segment.Results.OfType<CloudBlob>().Select(b => b.Name));
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return names;
    }

    private async Task<JsonNode> PollRunAsync(string runId, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        // The host works on its own threads; poll what a client can see, bounded by the test timeout.
        while (true)
        {
            var run = JsonNode.Parse(await _http.GetStringAsync($"/api/runs/{runId}", cancellationToken))!;
            if (done(run))
            {
                return run;
            }

            await Task.Delay(100, cancellationToken);
        }
    }
}
