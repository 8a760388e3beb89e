using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using MLOps.Durable.Host.Endpoints;
using MLOps.Durable.Host.Security;
using MLOps.Durable.Host.Tests.Endpoints;
using MLOps.Durable.Pipelines.Definitions;

namespace MLOps.Durable.Host.Tests.Hostile;

/// <summary>
/// Malformed and hostile input thrown at every kind of entry point of the real host over loopback: each case names
/// the status and a piece of the message the caller must get, and the host's state (instances, models, registry
/// audit, events, the waiting run, the workflow files) must be exactly as before.
/// </summary>
public sealed class HostileInputTests(HostileHostFixture fixture) : IClassFixture<HostileHostFixture>
{
    private const string Json = "application/json";
    private const string Management = "/runtime/webhooks/durabletask";

    /// <summary>Who sends the request.</summary>
    public enum Caller
    {
        Master,
        Function,
        Anonymous,
        WrongKey,
    }

    /// <summary>One hostile request and what the caller must get back.</summary>
    public sealed record Case(string Name, HttpMethod Method, Func<HostileHostFixture, string> Path, Caller Caller, Func<HostileHostFixture, HttpContent?> Body, int Status, string Message)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<string> Names => new(Cases.Select(c => c.Name));

    private static readonly Case[] Cases =
    [
        // Keys: missing, not the host's, or of too low a level.
        Get("no key on a function route", "/api/runs", Caller.Anonymous, 401, "needs a function key"),
        Get("wrong key on a function route", "/api/runs", Caller.WrongKey, 401, "is not a key of this host"),
        Get("wrong key in code=", "/api/models?code=nope", Caller.Anonymous, 401, "is not a key of this host"),
        Get("function key on the management API", Management + "/instances", Caller.Function, 403, "needs the master (admin) key"),
        new("function key cannot purge", HttpMethod.Delete, f => $"{Management}/instances/{f.WaitingRunId}", Caller.Function, NoBody, 403, "needs the master (admin) key"),
        new("no key cannot roll back", HttpMethod.Post, _ => "/api/models/iris-auto/rollback", Caller.Anonymous, NoBody, 401, "needs a function key"),
        new("no key, bad query: the key is checked first", HttpMethod.Get, _ => "/api/monitors/iris-auto/reports/not-a-number", Caller.Anonymous, NoBody, 401, "needs a function key"),
        new("no topic key", HttpMethod.Post, _ => "/api/events/topic", Caller.Master, _ => Text("[]", Json), 401, "aeg-sas-key"),

        // JSON bodies: not JSON, wrong shape, missing or repeated fields, bad UTF-8, too deep, too large.
        Post("approval: not JSON", f => $"/api/runs/{f.WaitingRunId}/approval", "{\"approved\": tru", 400, "line 1, byte"),
        Post("approval: wrong type", f => $"/api/runs/{f.WaitingRunId}/approval", "{\"approved\": \"yes\", \"reviewer\": \"alice@example.com\"}", 400, "approved: the value has the wrong type"),
        Post("approval: approved missing", f => $"/api/runs/{f.WaitingRunId}/approval", "{\"reviewer\": \"alice@example.com\"}", 400, "missing required properties: 'approved'"),
        Post("approval: repeated property", f => $"/api/runs/{f.WaitingRunId}/approval", "{\"approved\": false, \"approved\": true, \"reviewer\": \"alice@example.com\"}", 400, "Duplicate property"),
        Post("approval: array instead of object", f => $"/api/runs/{f.WaitingRunId}/approval", "[true]", 400, "Expected {\"approved\": true|false"),
        Post("approval: empty body", f => $"/api/runs/{f.WaitingRunId}/approval", string.Empty, 400, "Expected {\"approved\": true|false"),
        Post("approval: reviewer of 10,000 characters", f => $"/api/runs/{f.WaitingRunId}/approval", $"{{\"approved\": true, \"reviewer\": \"{new string('a', 10_000)}\"}}", 400, "reviewer"),
        new("approval: invalid UTF-8", HttpMethod.Post, f => $"/api/runs/{f.WaitingRunId}/approval", Caller.Master,
            _ => Bytes([.. "{\"approved\": true, \"reviewer\": \"al"u8, 0xC3, 0x28, .. "ice\"}"u8], Json), 400, "line 1, byte 35: invalid UTF-8"),
        Post("approval: 10,000 levels deep", f => $"/api/runs/{f.WaitingRunId}/approval", new string('[', 10_000) + new string(']', 10_000), 400, $"depth of {RequestBody.MaxDepth}"),
        Post("predict: 33 levels deep", _ => "/api/models/iris-auto/predict", "{\"row\": " + new string('[', 32) + new string(']', 32) + "}", 400, $"depth of {RequestBody.MaxDepth}"),
        new("predict: 17 MiB with Content-Length", HttpMethod.Post, _ => "/api/models/iris-auto/predict", Caller.Master,
            _ => Bytes(new byte[17 << 20], Json), 413, "this endpoint takes at most 16,777,216 bytes (16 MiB)"),
        new("approval: 2 MiB chunked, no Content-Length", HttpMethod.Post, f => $"/api/runs/{f.WaitingRunId}/approval", Caller.Master,
            _ => Chunked(2 << 20), 413, "more than 1,048,576 bytes; this endpoint takes at most 1,048,576 bytes"),
        new("management: 2 MiB orchestration input", HttpMethod.Post, _ => Management + "/orchestrators/Hello", Caller.Master,
            _ => Text("\"" + new string('x', 2 << 20) + "\"", Json), 413, "at most 1,048,576 bytes"),
        new("management: raise event, not JSON", HttpMethod.Post, f => $"{Management}/instances/{f.WaitingRunId}/raiseEvent/ApprovalDecision", Caller.Master,
            _ => Text("{approved: true}", Json), 400, "not valid JSON"),
        new("events topic: 2 MiB batch", HttpMethod.Post, _ => "/api/events/topic", Caller.Master, _ => TopicBatch(2 << 20), 413, "at most 1,048,576 bytes"),
        Post("predict: rows is not an array", _ => "/api/models/iris-auto/predict", "{\"rows\": 5}", 400, "Expected {\"rows\": [{...}, ...]}"),
        Post("predict: wrong columns", _ => "/api/models/iris-auto/predict", "{\"rows\": [{\"colour\": \"red\"}]}", 400, "sepal_length"),
        Post("predict: 10,001 rows", _ => "/api/models/iris-auto/predict", "{\"rows\": [" + string.Join(',', Enumerable.Repeat("{}", 10_001)) + "]}", 413, "10000"),
        Post("feedback: predictionId not a GUID", _ => "/api/models/iris-auto/feedback", "{\"predictionId\": \"../etc\", \"actual\": \"setosa\"}", 400, "predictionId: expected the predictionId a predict call returned"),
        Post("promote: reason is a number", _ => "/api/models/iris-auto/promote", "{\"reason\": 5}", 400, "reason: expected text"),
        Post("link request: lifetime not a duration", f => $"/api/approvals/{f.WaitingRunId}/links", "{\"reviewer\": \"alice@example.com\", \"lifetime\": \"forever\"}", 400, "'forever' is not a duration"),

        // Query strings.
        Get("runs: top is not a number", "/api/runs?top=many", Caller.Master, 400, "Failed to bind parameter \"Nullable<int> top\" from \"many\""),
        Get("runs: from is not a time", "/api/runs?from=yesterday", Caller.Master, 400, "from: 'yesterday' is not a time"),
        Get("management: runtimeStatus unknown", Management + "/instances?runtimeStatus=Sleeping", Caller.Master, 400, "Sleeping"),

        // Pipeline definitions (YAML): malformed, schema violations, hostile structure, bad encoding, too large.
        Yaml("yaml: unclosed flow sequence", "name: [churn\n", 400, "not valid YAML"),
        Yaml("yaml: schema violations listed", "name: -bad-\ndata:\n  target: y\ntrain:\n  trainer: magic\n", 400, "is not a pipeline name"),
        Yaml("yaml: 100,000 levels of nesting", "name: " + new string('[', 100_000) + new string(']', 100_000) + "\n", 400, $"nested deeper than {PipelineDefinitionReader.MaxNesting} levels"),
        Yaml("yaml: alias bomb", AliasBomb(), 400, "expected a non-empty text value"),
        Yaml("yaml: empty", string.Empty, 400, "the file is empty"),
        new("yaml: invalid UTF-8", HttpMethod.Post, _ => "/api/pipelines/validate", Caller.Master,
            _ => Bytes([.. "name: ok\ndescription: caf"u8, 0xE9, .. "\n"u8], "application/yaml"), 400, "line 2, byte 17: invalid UTF-8"),
        new("yaml: over 1 MiB", HttpMethod.Post, _ => "/api/pipelines/validate", Caller.Master,
            _ => Text("# " + new string('x', 1 << 20), "application/yaml"), 413, "at most 1,048,576 bytes"),

        // Paths: data and schema files outside workflows/, traversal in artifact and report names.
        Yaml("yaml: data source climbs out of workflows/", "name: x\ndata:\n  source: ../../../../../../etc/passwd\n  target: y\ntrain:\n  trainer: logistic\n", 400, "'../../../../../../etc/passwd' is outside workflows/"),
        Yaml("yaml: absolute data source", "name: x\ndata:\n  source: /etc/hostname\n  target: y\ntrain:\n  trainer: logistic\n", 400, "'/etc/hostname' is outside workflows/"),
        Yaml("yaml: schema file outside workflows/", "name: x\ndata:\n  source: https://example.com/d.csv\n  target: y\n  schema: ../host.json\ntrain:\n  trainer: logistic\n", 400, "'../host.json' is outside workflows/"),
        new("artifact: encoded ../ climbs to host.json", HttpMethod.Get, f => $"/api/runs/{f.DeployedRunId}/artifacts/..%2F..%2F..%2F..%2Fhost.json", Caller.Master, NoBody, 400, "has a segment '..%2F..%2F..%2F..%2Fhost.json' that starts with '.'"),
        new("artifact: absolute path", HttpMethod.Get, f => $"/api/runs/{f.DeployedRunId}/artifacts/%2Fetc%2Fpasswd", Caller.Master, NoBody, 404, "has no artifact '%2Fetc%2Fpasswd'"),
        new("artifact: backslashes", HttpMethod.Get, f => $"/api/runs/{f.DeployedRunId}/artifacts/..%5C..%5Chost.json", Caller.Master, NoBody, 400, "contains '\\'"),
        Get("monitor report: not a number", "/api/monitors/iris-auto/reports/..%2F..%2Fhost.json", Caller.Master, 400, "check"),

        // Unknown ids.
        Get("unknown run", "/api/runs/nope", Caller.Master, 404, "nope"),
        Get("unknown run history", "/api/runs/nope/history", Caller.Master, 404, "nope"),
        Get("unknown run artifacts", "/api/runs/nope/artifacts", Caller.Master, 404, "nope"),
        Post("unknown run approval", _ => "/api/runs/nope/approval", "{\"approved\": true, \"reviewer\": \"alice@example.com\"}", 404, "nope"),
        new("unknown run cancel", HttpMethod.Post, _ => "/api/runs/nope/cancel", Caller.Master, NoBody, 404, "nope"),
        Get("unknown pipeline", "/api/pipelines/nope", Caller.Master, 404, "nope"),
        new("unknown pipeline start", HttpMethod.Post, _ => "/api/pipelines/nope/runs", Caller.Master, NoBody, 404, "No pipeline 'nope'"),
        Get("unknown model", "/api/models/nope", Caller.Master, 404, "nope"),
        Post("unknown model predict", _ => "/api/models/nope/predict", "{\"row\": {}}", 404, "nope"),
        Get("unknown monitor", "/api/monitors/nope", Caller.Master, 404, "nope"),
        Get("unknown drift report", "/api/monitors/iris-auto/reports/999", Caller.Master, 404, "999"),
        Post("unknown approval run", _ => "/api/approvals/nope/links", "{\"reviewer\": \"alice@example.com\"}", 404, "nope"),
        Get("unknown instance", Management + "/instances/nope", Caller.Master, 404, "nope"),
        new("unknown instance event", HttpMethod.Post, _ => Management + "/instances/nope/raiseEvent/x", Caller.Master, NoBody, 404, "nope"),
        new("unknown instance terminate", HttpMethod.Post, _ => Management + "/instances/nope/terminate", Caller.Master, NoBody, 404, "nope"),
        new("unknown instance purge", HttpMethod.Delete, _ => Management + "/instances/nope", Caller.Master, NoBody, 404, "nope"),
        new("unknown orchestrator", HttpMethod.Post, _ => Management + "/orchestrators/NoSuchThing", Caller.Master, NoBody, 400, "No orchestrator named 'NoSuchThing' is registered"),

        // Approval links: forged, expired, for another run, without a token, spent.
        new("link: forged signature", HttpMethod.Post, f => f.ForgedLink, Caller.Anonymous, Decision, 403, "signature does not match"),
        new("link: expired", HttpMethod.Post, f => f.ExpiredLink, Caller.Anonymous, Decision, 403, "expired at"),
        new("link: token of another run", HttpMethod.Post, f => f.OtherRunLink, Caller.Anonymous, Decision, 403, "is for run"),
        new("link: no token", HttpMethod.Post, f => f.LiveLink[..f.LiveLink.IndexOf("&token=", StringComparison.Ordinal)], Caller.Anonymous, Decision, 403, "not two base64url parts"),
        new("link: replayed after its decision", HttpMethod.Post, f => f.SpentLink, Caller.Anonymous, Decision, 403, "has been used"),
        new("link: body not JSON", HttpMethod.Post, f => f.LiveLink, Caller.Anonymous, _ => Text("approve", Json), 400, "not valid JSON"),
        new("link: approved missing", HttpMethod.Post, f => f.LiveLink, Caller.Anonymous, _ => Text("{\"comment\": \"hm\"}", Json), 400, "missing required properties: 'approved'"),
    ];

    [Theory]
    [MemberData(nameof(Names))]
    public async Task HostileRequest_AnswersWithStatusAndReason_AndChangesNothing(string name)
    {
        var hostile = Cases.Single(c => c.Name == name);
        var before = await fixture.SnapshotAsync();

        using var request = new HttpRequestMessage(hostile.Method, hostile.Path(fixture)) { Content = hostile.Body(fixture) };
        switch (hostile.Caller)
        {
            case Caller.Master:
                request.Headers.Add(KeyAuthorization.KeyHeader, HostFixture.MasterKey);
                break;
            case Caller.Function:
                request.Headers.Add(KeyAuthorization.KeyHeader, HostFixture.FunctionKey);
                break;
            case Caller.WrongKey:
                request.Headers.Add(KeyAuthorization.KeyHeader, "not-a-key");
                break;
        }

        using var response = await fixture.Host.Anonymous.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.True(hostile.Status == (int)response.StatusCode, $"{name}: expected {hostile.Status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(body)!;
        var detail = string.Join(" | ", [(string?)problem["title"], (string?)problem["detail"], .. problem["errors"]?.AsArray().Select(e => e is JsonObject error ? (string?)error["message"] : (string?)e) ?? []]);
        Assert.True(detail.Contains(hostile.Message, StringComparison.Ordinal), $"{name}: '{hostile.Message}' not in: {body}");
        Assert.DoesNotContain("   at ", body, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.SnapshotAsync());
    }

    [Theory]
    [InlineData("GET /api/runs/{run}/artifacts/../../../../host.json HTTP/1.1")]
    [InlineData("GET /api/runs/{run}/artifacts/%2e%2e/%2e%2e/%2e%2e/%2e%2e/host.json HTTP/1.1")]
    [InlineData("GET /../../host.json HTTP/1.1")]
    [InlineData("GET /%2e%2e/%2e%2e/host.json HTTP/1.1")]
    public async Task RawDotSegments_NeverReachAFileOutsideTheStore(string requestLine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(fixture.Host.BaseAddress.Host, fixture.Host.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var raw = $"{requestLine.Replace("{run}", fixture.DeployedRunId, StringComparison.Ordinal)}\r\nHost: localhost\r\n{KeyAuthorization.KeyHeader}: {HostFixture.MasterKey}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(raw));
        using var reader = new StreamReader(stream);
        var answer = await reader.ReadToEndAsync();

        var status = int.Parse(answer.Split(' ', 3)[1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(status is 400 or 404, $"{requestLine}: {answer}");
        Assert.DoesNotContain("TestHub", answer, StringComparison.Ordinal);
    }

    private static HttpContent? NoBody(HostileHostFixture fixture) => null;

    private static HttpContent Decision(HostileHostFixture fixture) => Text("{\"approved\": true}", Json);

    private static Case Get(string name, string path, Caller caller, int status, string message) =>
        new(name, HttpMethod.Get, _ => path, caller, NoBody, status, message);

    private static Case Post(string name, Func<HostileHostFixture, string> path, string json, int status, string message) =>
        new(name, HttpMethod.Post, path, Caller.Master, _ => Text(json, Json), status, message);

    private static Case Yaml(string name, string yaml, int status, string message) =>
        new(name, HttpMethod.Post, _ => "/api/pipelines/validate", Caller.Master, _ => Text(yaml, "application/yaml"), status, message);

    private static StringContent Text(string text, string mediaType) => new(text, new UTF8Encoding(false), mediaType);

    private static ByteArrayContent Bytes(byte[] bytes, string mediaType)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new(mediaType);
        return content;
    }

    /// <summary>A body of <paramref name="length"/> bytes sent chunked: the host cannot refuse it by Content-Length.</summary>
    private static StreamContent Chunked(int length)
    {
        var content = new StreamContent(new NonSeekableStream(new MemoryStream(Encoding.UTF8.GetBytes("{\"comment\": \"" + new string('x', length) + "\"}"))));
        content.Headers.ContentType = new(Json);
        return content;
    }

    private static StringContent TopicBatch(int length)
    {
        var content = Text($"[{{\"id\":\"1\",\"type\":\"t\",\"source\":\"s\",\"specversion\":\"1.0\",\"data\":\"{new string('x', length)}\"}}]", "application/cloudevents-batch+json");
        content.Headers.Add("aeg-sas-key", HostFixture.TopicKey);
        return content;
    }

    /// <summary>"Billion laughs": ten aliases of ten aliases ... nine levels deep, which a naive expander would blow up.</summary>
    private static string AliasBomb()
    {
        var yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 9; i++)
        {
            yaml.Append($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        return yaml.Append("name: *a8\n").ToString();
    }

    /// <summary>Hides the length so HttpClient sends the body chunked.</summary>
    private sealed class NonSeekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
