using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using MLOps.Durable.Samples;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>The main job's sample training run, driven end to end over HTTP as a user would.</summary>
public sealed class SamplePipelineTests : IAsyncLifetime
{
    private const string Root = "/runtime/webhooks/durabletask";
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("mlops-sample-host").FullName;
    private Microsoft.AspNetCore.Builder.WebApplication? _app;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _app = HostApplication.Build(["--urls", "http://127.0.0.1:0", "--contentRoot", _contentRoot, "--MLOPS_MASTER_KEY", "k"], SampleTasks.Register);
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("x-functions-key", "k");
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _app!.StopAsync();
        await _app.DisposeAsync();
        Directory.Delete(_contentRoot, recursive: true);
    }

    [Fact]
    public async Task TrainingRun_StartApproveOverHttp_CompletesWithDeployedVersion()
    {
        using var started = await _http.PostAsync($"{Root}/orchestrators/TrainingRun/run-1",
            new StringContent("""{ "dataset": "iris.csv", "learningRates": [0.01, 0.1, 1.0] }""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);

        await PollAsync(body => body["customStatus"]?["stage"]?.GetValue<string>() == "approve");
        using var approved = await _http.PostAsync($"{Root}/instances/run-1/raiseEvent/ApprovalDecision",
            new StringContent("\"approved\"", Encoding.UTF8, "application/json"));
        var done = await PollAsync(body => body["runtimeStatus"]!.GetValue<string>() == "Completed");

        Assert.Equal(HttpStatusCode.Accepted, approved.StatusCode);
        Assert.Equal(150, done["output"]!["rows"]!.GetValue<int>());
        Assert.Equal("v1-lr0.1", done["output"]!["deployedVersion"]!.GetValue<string>());
    }

    private async Task<JsonObject> PollAsync(Func<JsonObject, bool> reached)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var body = (await _http.GetFromJsonAsync<JsonObject>($"{Root}/instances/run-1", deadline.Token))!;
            if (reached(body))
            {
                return body;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
