using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MLOps.Durable.Registration;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>A timer declared in host.json starts its orchestration through the client, on the real clock.</summary>
public sealed class ConfiguredTimerTests
{
    [Fact]
    public async Task HostJsonTimer_EverySecond_StartsTheOrchestrationWithItsInput()
    {
        var root = Directory.CreateTempSubdirectory("mlops-timer-host").FullName;
        await File.WriteAllTextAsync(Path.Combine(root, "host.json"), """
            { "mlops": { "timers": [ { "name": "Tick", "schedule": "* * * * * *", "orchestrator": "Echo", "input": { "from": "timer" } } ] } }
            """);
        var app = HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", root, "--MLOPS_MASTER_KEY", "k"],
            (DurableTaskRegistry r) => r.AddOrchestratorFunc<JsonObject, string>("Echo", (_, input) => Task.FromResult((string)input["from"]!)!));
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
            http.DefaultRequestHeaders.Add("x-functions-key", "k");
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            JsonObject? echo = null;
            while (echo is null)
            {
                var instances = await http.GetFromJsonAsync<JsonArray>("/runtime/webhooks/durabletask/instances?runtimeStatus=Completed", deadline.Token);
                echo = instances!.OfType<JsonObject>().FirstOrDefault(i => (string?)i["name"] == "Echo");
                if (echo is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
                }
            }

            Assert.Equal("timer", (string?)echo["output"]);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            Directory.Delete(root, recursive: true);
        }
    }
}
