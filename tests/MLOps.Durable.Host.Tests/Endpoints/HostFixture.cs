using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using MLOps.Durable.Registration;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>The real host on Kestrel, on a free loopback port, over a SQLite file in a temporary content root.</summary>
public sealed class HostFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public string ContentRoot { get; } = Path.Combine(Path.GetTempPath(), "mlops-host-tests", Guid.NewGuid().ToString("N"));

    public const string MasterKey = "test-master-key";

    public const string FunctionKey = "test-function-key";

    public const string TopicKey = "test-topic-key";

    /// <summary>A webhook subscriber the host forwards run-completed and model-deployed events to.</summary>
    public WebhookRecorder Webhook { get; } = new();

    /// <summary>A client that sends the master key with every request.</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>A client that sends no key.</summary>
    public HttpClient Anonymous { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running application.</summary>
    public WebApplication App => _app ?? throw new InvalidOperationException("The host has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(ContentRoot);
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "host.json"), $$"""
            {
              "version": "2.0",
              "extensions": { "durableTask": { "hubName": "TestHub" } },
              "mlops": { "eventSubscriptions": [ { "name": "recorder", "endpoint": "{{Webhook.Url}}", "types": ["MLOps.Run.Completed", "MLOps.Model.Deployed"] } ] },
              "logging": { "logLevel": { "default": "Warning" } }
            }
            """);
        Directory.CreateDirectory(Path.Combine(ContentRoot, "workflows"));
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "workflows", "churn.pipeline.yaml"), GoodPipeline);
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "workflows", "broken.pipeline.yaml"), GoodPipeline.Replace("name: churn", "name: broken", StringComparison.Ordinal).Replace("72h", "3 dayz", StringComparison.Ordinal));
        var iris = Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv");
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "workflows", "iris-auto.pipeline.yaml"), IrisPipeline("iris-auto", iris, "[]"));
        await File.WriteAllTextAsync(Path.Combine(ContentRoot, "workflows", "iris-review.pipeline.yaml"), IrisPipeline("iris-review", iris, "[alice@example.com]"));
        _app = HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", ContentRoot, "--MLOPS_MASTER_KEY", MasterKey, "--MLOPS_FUNCTION_KEY", FunctionKey, "--MLOPS_LOCAL_TOPIC_KEY", TopicKey],
            Register);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address);
        Http = new HttpClient { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Add("x-functions-key", MasterKey);
        Anonymous = new HttpClient { BaseAddress = BaseAddress };
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        Anonymous.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Webhook.DisposeAsync();
        Directory.Delete(ContentRoot, recursive: true);
    }

    /// <summary>A valid definition (remote data, so no file is needed) the host loads from workflows/.</summary>
    public const string GoodPipeline = """
        name: churn
        data:
          source: https://example.blob.core.windows.net/data/churn.csv
          target: churned
          task: binary
        train:
          trainer: gbdt
          sweep:
            maxLeaves: [7, 15]
        approve:
          reviewers: [alice@example.com]
          timeout: 72h
        """;

    private static string IrisPipeline(string name, string data, string reviewers) => $"""
        name: {name}
        data:
          source: {data}
          target: species
        train:
          trainer: logistic
        evaluate:
          gates: [accuracy >= 0.8]
        approve:
          reviewers: {reviewers}
        """;

    /// <summary>While true, the "Flaky" activity fails (the rewind test repairs it).</summary>
    public static bool FlakyBroken { get; set; } = true;

    private static void Register(DurableTaskRegistry registry) => registry
        .AddActivityFunc<int, int>("Flaky", (_, n) => FlakyBroken ? throw new IOException("flaky on purpose") : n + 1)
        .AddOrchestratorFunc<int, int>("Unsteady", async (ctx, n) => await ctx.CallActivityAsync<int>("Flaky", n))
        .AddOrchestratorFunc<int, int>("$Internal", (_, n) => Task.FromResult(n))
        .AddActivityFunc<string, string>("Greet", (_, name) => $"Hello {name}")
        .AddOrchestratorFunc<string, string>("Hello", async (ctx, name) => await ctx.CallActivityAsync<string>("Greet", name))
        .AddOrchestratorFunc<string, string>("WaitForApproval", async (ctx, _) => await ctx.WaitForExternalEvent<string>("approval"))
        .AddOrchestratorFunc<int, int>("Fails", (_, n) => n >= 0 ? throw new InvalidOperationException("broken on purpose") : Task.FromResult(n));
}
