using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>/api/pipelines over real HTTP with the function key: loaded pipelines, load errors, one pipeline, validation.</summary>
public sealed class PipelineEndpointsTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task List_ShowsLoadedPipelinesAndWhyOthersWereNotLoaded()
    {
        var body = await GetJsonAsync("/api/pipelines");

        var pipeline = body["pipelines"]!.AsArray().Single(p => (string)p!["name"]! == "churn")!;
        Assert.Equal("churn", (string)pipeline["name"]!);
        Assert.Equal(2, (int)pipeline["candidates"]!);
        Assert.Equal("workflows/churn.pipeline.yaml", (string)pipeline["file"]!);
        var error = Assert.Single(body["errors"]!.AsArray())!;
        Assert.Equal("workflows/broken.pipeline.yaml:12:12: approve.timeout: '3 dayz' is not a duration (e.g. 72h, 30m, 1d12h)", (string)error["text"]!);
    }

    [Fact]
    public async Task Get_OnePipeline_ShowsDurationsAsWritten_AndMissingIs404()
    {
        var churn = await GetJsonAsync("/api/pipelines/churn");
        using var missing = await Send(HttpMethod.Get, "/api/pipelines/nope");

        Assert.Equal("72h", (string)churn["approve"]!["timeout"]!);
        Assert.Equal("gbdt", (string)churn["train"]!["trainer"]!);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Contains("Loaded: churn", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_GoodAndBadBodies_200Or400WithLineAndColumn()
    {
        using var good = await Send(HttpMethod.Post, "/api/pipelines/validate", HostFixture.GoodPipeline);
        using var bad = await Send(HttpMethod.Post, "/api/pipelines/validate", HostFixture.GoodPipeline.Replace("trainer: gbdt", "trainer: forest", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var problem = JsonNode.Parse(await bad.Content.ReadAsStringAsync())!;
        var error = Assert.Single(problem["errors"]!.AsArray())!;
        Assert.Equal((7, 12, "train.trainer"), ((int)error["line"]!, (int)error["column"]!, (string)error["field"]!));
    }

    [Fact]
    public async Task Validate_TooLarge_413()
    {
        using var response = await Send(HttpMethod.Post, "/api/pipelines/validate", new string('#', (1024 * 1024) + 10));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(null, HttpStatusCode.Unauthorized)]
    [InlineData(HostFixture.FunctionKey, HttpStatusCode.OK)]
    [InlineData(HostFixture.MasterKey, HttpStatusCode.OK)]
    public async Task List_FunctionLevel_AcceptsFunctionOrMasterKey(string? key, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, key is null ? "/api/pipelines" : $"/api/pipelines?code={key}");

        using var response = await host.Anonymous.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
    }

    private async Task<JsonNode> GetJsonAsync(string path)
    {
        using var response = await Send(HttpMethod.Get, path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private Task<HttpResponseMessage> Send(HttpMethod method, string path, string? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("x-functions-key", HostFixture.FunctionKey);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/yaml");
        }

        return host.Anonymous.SendAsync(request);
    }
}
