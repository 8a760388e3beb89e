using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Azure;
using Azure.Messaging;
using Azure.Messaging.EventGrid;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>The local topic over real HTTP: the Azure SDK's EventGridPublisherClient talks to it unchanged; runs publish into it; subscribers get forwarded events.</summary>
public sealed class EventEndpointsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task EventGridPublisherClient_PublishesToTheLocalTopic_WithTheTopicKey()
    {
        var topic = new Uri(host.BaseAddress, "/api/events/topic");
        var client = new EventGridPublisherClient(topic, new AzureKeyCredential(HostFixture.TopicKey));
        var id = Guid.NewGuid().ToString("N");

        await client.SendEventAsync(new CloudEvent("/tests", "Test.Sent", new { hello = "world" }) { Id = id, Subject = "tests/one" });
        var wrongKey = new EventGridPublisherClient(topic, new AzureKeyCredential("wrong"));
        var refused = await Assert.ThrowsAsync<RequestFailedException>(() => wrongKey.SendEventAsync(new CloudEvent("/tests", "Test.Sent", 1)));

        Assert.Equal(401, refused.Status);
        var stored = await ListAsync("?type=Test.Sent&top=1000");
        var received = Assert.Single(stored, e => (string)e["id"]! == id);
        Assert.Equal("world", (string)received["data"]!["hello"]!);
        Assert.Equal("tests/one", (string)received["subject"]!);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[]", "No events")]
    [InlineData("[{\"id\":\"1\",\"type\":\"t\",\"specversion\":\"1.0\"}]", "events[0]: 'source' is required")]
    [InlineData("[{\"id\":\"1\",\"type\":\"t\",\"source\":\"s\",\"specversion\":\"0.3\"}]", "specversion '0.3' is not 1.0")]
    public async Task Topic_BadBatch_400SaysWhatIsWrong(string body, string expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/events/topic") { Content = new StringContent(body, Encoding.UTF8, "application/cloudevents-batch+json") };
        request.Headers.Add("aeg-sas-key", HostFixture.TopicKey);

        using var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expected, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PipelineRun_PublishesItsLifecycle_AndForwardsSubscribedTypes()
    {
        using var started = await host.Http.PostAsync("/api/pipelines/iris-auto/runs", null);
        var id = (string)JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!;
        var subject = $"pipelines/iris-auto/runs/{id}";

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!host.Webhook.Received.Any(e => (string?)e["subject"] == subject))
        {
            await Task.Delay(50, timeout.Token);
        }

        var types = (await ListAsync($"?subject={subject}&top=1000")).Select(e => (string)e["type"]!).ToList();
        Assert.Equal(["MLOps.Run.Started", "MLOps.Approval.Decided", "MLOps.Run.Completed"], types);
        var completed = Assert.Single(host.Webhook.Received, e => (string?)e["subject"] == subject);
        Assert.Equal("MLOps.Run.Completed", (string)completed["type"]!);
        Assert.Equal("/mlops/TestHub", (string)completed["source"]!);
        Assert.Equal("deployed", (string)completed["data"]!["outcome"]!);
    }

    private async Task<List<JsonObject>> ListAsync(string query)
    {
        using var response = await host.Http.GetAsync("/api/events" + query);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(e => (JsonObject)e!)];
    }
}
