using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Host;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Cli.Tests.Harness;

/// <summary>
/// The real host (Kestrel on a free loopback port, SQLite, ONNX Runtime) over a temporary content root with the
/// shipped iris pipeline and three made for these tests, on a fake clock that only the drift tests move; and a
/// way to run <c>mlops</c> against it with the function key in <c>MLOPS_KEY</c>.
/// </summary>
public sealed class CliHostFixture : IAsyncLifetime
{
    public const string MasterKey = "cli-master-key";

    public const string FunctionKey = "cli-function-key";

    /// <summary>The shipped pipeline's reviewer.</summary>
    public const string Reviewer = "carol@example.com";

    private readonly SemaphoreSlim _deploying = new(1, 1);
    private readonly HashSet<string> _deployed = [];
    private WebApplication? _app;

    public string ContentRoot { get; } = Directory.CreateTempSubdirectory("mlops-cli-").FullName;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    /// <summary>The host's base address, e.g. http://127.0.0.1:41234.</summary>
    public string BaseUrl { get; private set; } = null!;

    /// <summary>A client with the function key, for waiting on what the API shows.</summary>
    public HttpClient Http { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var workflows = Path.Combine(ContentRoot, "workflows");
        Directory.CreateDirectory(Path.Combine(workflows, "data"));
        var shipped = Path.Combine(RepositoryRoot(), "workflows");
        File.Copy(Path.Combine(shipped, "iris.pipeline.yaml"), Path.Combine(workflows, "iris.pipeline.yaml"));
        File.Copy(Path.Combine(shipped, "data", "iris.csv"), Path.Combine(workflows, "data", "iris.csv"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "iris-canary.pipeline.yaml"), IrisPipeline("iris-canary", "deploy: { strategy: canary, canaryPercent: 50 }"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "iris-serve.pipeline.yaml"), IrisPipeline("iris-serve", "monitor: { every: 1h, onDrift: notify }"));
        await File.WriteAllTextAsync(Path.Combine(workflows, "broken.pipeline.yaml"), IrisPipeline("broken", "approve: { timeout: 3 dayz }"));
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "host.json"), """{ "version": "2.0", "logging": { "logLevel": { "default": "Warning" } } }""");
        _app = HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", ContentRoot, "--MLOPS_MASTER_KEY", MasterKey, "--MLOPS_FUNCTION_KEY", FunctionKey],
            configureServices: services => services.AddSingleton<TimeProvider>(Time));
        await _app.StartAsync();
        BaseUrl = _app.Urls.First().TrimEnd('/');
        Http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);
    }

    /// <summary>Runs <c>mlops</c> with MLOPS_HOST and MLOPS_KEY set for this host; <paramref name="environment"/> overrides them.</summary>
    public Task<CliResult> RunAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var variables = new Dictionary<string, string?> { ["MLOPS_HOST"] = BaseUrl, ["MLOPS_KEY"] = FunctionKey };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            variables[name] = value;
        }

        return MlopsProcess.RunAsync(arguments, variables, cancellationToken, ContentRoot);
    }

    /// <summary>Runs the auto-approved <paramref name="pipeline"/> to "deployed" once (through the CLI), for the tests that need a model serving.</summary>
    public async Task EnsureDeployedAsync(string pipeline, CancellationToken cancellationToken)
    {
        await _deploying.WaitAsync(cancellationToken);
        try
        {
            if (_deployed.Add(pipeline))
            {
                var run = await RunAsync(["runs", "start", pipeline, "--watch", "--interval", "0.05"], cancellationToken);
                Assert.True(run.ExitCode == 0, run.ToString());
            }
        }
        finally
        {
            _deploying.Release();
        }
    }

    /// <summary>Polls the API until <paramref name="condition"/> holds for the JSON at <paramref name="path"/>: the host works on its own threads.</summary>
    public async Task<JsonNode> UntilAsync(string path, Func<JsonNode, bool> condition, CancellationToken cancellationToken)
    {
        while (true)
        {
            var json = (await Http.GetFromJsonAsync<JsonNode>(path, cancellationToken))!;
            if (condition(json))
            {
                return json;
            }

            await Task.Delay(20, cancellationToken);
        }
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _deploying.Dispose();
        Directory.Delete(ContentRoot, recursive: true);
    }

    /// <summary>Iris, logistic, no reviewers (approved automatically), with one more section.</summary>
    private static string IrisPipeline(string name, string extra) => $"""
        name: {name}
        data:
          source: data/iris.csv
          target: species
        train:
          trainer: logistic
          seed: 1
        evaluate:
          gates: [accuracy >= 0.8]
        {extra}
        """;

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MLOps.Durable.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException("The tests run outside the repository.");
    }
}
