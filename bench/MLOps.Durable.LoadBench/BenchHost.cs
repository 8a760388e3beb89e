using System.Text.Json.Nodes;

namespace MLOps.Durable.LoadBench;

/// <summary>
/// The real host (<c>MLOps.Durable.Host.dll</c>, built next to this assembly) as a child process on a loopback port,
/// over a fresh content root: the repository's host.json with logging at Warning, the task hub on SQLite or on an
/// Azure Storage account, and one pipeline, <see cref="Pipeline"/>, that trains iris with logistic regression and
/// deploys without a reviewer.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    public const string Pipeline = "load";

    /// <summary>The function key the host is started with and the clients send.</summary>
    public const string FunctionKey = "load-bench-function-key";

    private const string MasterKey = "load-bench-master-key";

    private readonly ChildProcess _process;
    private readonly string _root;

    private BenchHost(ChildProcess process, string root, Uri baseAddress)
    {
        _process = process;
        _root = root;
        BaseAddress = baseAddress;
        Http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(2) };
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    public Uri BaseAddress { get; }

    /// <summary>A client for the bench's own requests (starting and polling runs), with the function key.</summary>
    public HttpClient Http { get; }

    /// <summary>What the host printed so far (warnings and errors only: logging is at Warning).</summary>
    public string Output => _process.Output;

    public bool HasExited => _process.HasExited;

    /// <summary>Lays out the content root and starts the host; <paramref name="azureStorage"/> null means SQLite.</summary>
    public static async Task<BenchHost> StartAsync(string root, string repository, string? azureStorage, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.Combine(root, "workflows", "data"));
        File.Copy(Path.Combine(repository, "workflows", "data", "iris.csv"), Path.Combine(root, "workflows", "data", "iris.csv"));
        await File.WriteAllTextAsync(Path.Combine(root, "workflows", Pipeline + ".pipeline.yaml"), $"""
            # Written by the load benchmark: the shortest real run (one logistic candidate, no reviewer).
            name: {Pipeline}
            data:
              source: data/iris.csv
              target: species
            train:
              trainer: logistic
            evaluate:
              gates: [accuracy >= 0.8]
            approve:
              reviewers: []
            """, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), HostJson(repository, azureStorage is not null).ToJsonString(), cancellationToken);
        var values = new JsonObject();
        if (azureStorage is not null)
        {
            values["AzureWebJobsStorage"] = azureStorage;
        }

        await File.WriteAllTextAsync(
            Path.Combine(root, "local.settings.json"), new JsonObject { ["IsEncrypted"] = false, ["Values"] = values }.ToJsonString(), cancellationToken);

        var port = ChildProcess.FreePort();
        var process = ChildProcess.Start(
            azureStorage is null ? "host (SQLite)" : "host (Azurite)",
            "MLOps.Durable.Host.dll",
            ["--urls", $"http://127.0.0.1:{port}", "--contentRoot", root, "--MLOPS_MASTER_KEY", MasterKey, "--MLOPS_FUNCTION_KEY", FunctionKey]);
        var host = new BenchHost(process, root, new Uri($"http://127.0.0.1:{port}"));
        try
        {
            using var startTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            startTimeout.CancelAfter(TimeSpan.FromSeconds(90));
            await process.WaitUntilHealthyAsync(host.Http, new Uri(host.BaseAddress, "/api/health"), startTimeout.Token);
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _process.DisposeAsync();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// The repository's host.json (its concurrency and extended-session settings are what is measured), with logging at
    /// Warning so that the console is not part of the load, and, for Azure Storage, a hub name of its own per start.
    /// </summary>
    private static JsonNode HostJson(string repository, bool azureStorage)
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(repository, "host.json")))!;
        json["logging"] = new JsonObject { ["logLevel"] = new JsonObject { ["default"] = "Warning" } };
        var durableTask = json["extensions"]!["durableTask"]!;
        durableTask["hubName"] = "LoadBench" + Guid.NewGuid().ToString("N")[..8];
        if (azureStorage)
        {
            durableTask["storageProvider"] = new JsonObject { ["type"] = "azureStorage", ["connectionName"] = "AzureWebJobsStorage" };
        }

        return json;
    }
}
