using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>The real host with iris-auto run to "deployed" once over HTTP, so its version 1 serves production.</summary>
public sealed class ServingFixture : IAsyncLifetime
{
    public HostFixture Host { get; } = new();

    public async Task InitializeAsync()
    {
        await Host.InitializeAsync();
        using var started = await Host.Http.PostAsync("/api/pipelines/iris-auto/runs", null);
        started.EnsureSuccessStatusCode();
        var runUri = (string)(await started.Content.ReadFromJsonAsync<JsonNode>())!["runUri"]!;

        // The host runs on the real clock; poll the API the way a client would, bounded by a timeout.
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var run = (await Host.Http.GetFromJsonAsync<JsonNode>(runUri, timeout.Token))!;
            var status = (string)run["status"]!;
            if (status == "deployed")
            {
                return;
            }

            if (status is "rejected" or "Failed")
            {
                throw new InvalidOperationException($"iris-auto did not deploy: {run.ToJsonString()}");
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    public Task DisposeAsync() => Host.DisposeAsync();
}
