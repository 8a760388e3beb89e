using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using MLOps.Durable.Host.OpenApi;
using MLOps.Durable.Host.Security;

namespace MLOps.Durable.Host.Tests.Endpoints;

/// <summary>
/// The OpenAPI document over real HTTP, checked against the app's own endpoints (so a route mapped without
/// metadata fails here) and against the route table in src/MLOps.Durable.Host/README.md.
/// </summary>
public sealed partial class OpenApiTests(HostFixture host) : IClassFixture<HostFixture>
{
    private const string DocumentPath = "/api" + ApiDocument.Route;

    [Fact]
    public async Task Document_NoKey_IsJsonWithTitleVersionAndRelativeServer()
    {
        using var response = await host.Anonymous.GetAsync(DocumentPath);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.StartsWith("3.", (string)document["openapi"]!, StringComparison.Ordinal);
        Assert.Equal(ApiDocument.Title, (string)document["info"]!["title"]!);
        Assert.False(string.IsNullOrEmpty((string?)document["info"]!["version"]));
        Assert.False(string.IsNullOrEmpty((string?)document["info"]!["description"]));
        Assert.Equal("/", (string)document["servers"]![0]!["url"]!);
    }

    [Fact]
    public async Task Document_EveryEndpoint_IsAnOperationWithItsNameAndResponses()
    {
        var paths = (await DocumentAsync())["paths"]!;
        var endpoints = RouteEndpoints().Where(e => e.RoutePattern.RawText != DocumentPath).ToList();

        Assert.NotEmpty(endpoints);
        foreach (var endpoint in endpoints)
        {
            var route = endpoint.RoutePattern.RawText!;
            var name = endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName;
            Assert.True(name is not null, $"{route} has no name (operationId): add .WithName(...).");
            var statuses = endpoint.Metadata.GetOrderedMetadata<IProducesResponseTypeMetadata>().Select(p => p.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            Assert.True(statuses.Count > 0, $"{route} ({name}) documents no response: add .Produces(...).");
            foreach (var method in endpoint.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods)
            {
                var operation = paths[OpenApiPath(route)]?[method.ToLowerInvariant()];
                Assert.True(operation is not null, $"{method} {route} is not in the document.");
                Assert.Equal(name, (string?)operation!["operationId"]);
                Assert.False(string.IsNullOrEmpty((string?)operation["summary"]), $"{name} has no summary.");
                Assert.NotEmpty(operation["tags"]!.AsArray());
                Assert.All(statuses, status => Assert.True(operation["responses"]![status] is not null, $"{name} lacks response {status} in the document."));
            }
        }
    }

    [Fact]
    public async Task Document_ReadmeRouteTable_MatchesTheEndpointsAndTheDocument()
    {
        var readme = ReadmeRoutes();
        var mapped = RouteEndpoints()
            .SelectMany(e => e.Metadata.GetRequiredMetadata<IHttpMethodMetadata>().HttpMethods.Select(m => Normalize(m, e.RoutePattern.RawText!)))
            .ToHashSet();
        var documented = new HashSet<string>();
        foreach (var (path, operations) in (await DocumentAsync())["paths"]!.AsObject())
        {
            documented.UnionWith(operations!.AsObject().Select(o => o.Key).Where(IsMethod).Select(m => Normalize(m, path)));
        }

        Assert.Contains(Normalize("GET", DocumentPath), readme);
        AssertSame("the README's route table", readme, "mapped", mapped);
        AssertSame("the README's route table (less the document itself)", readme.Where(r => r != Normalize("GET", DocumentPath)), "the document", documented);
    }

    private static void AssertSame(string expectedName, IEnumerable<string> expected, string actualName, IEnumerable<string> actual)
    {
        var missing = expected.Except(actual).Order(StringComparer.Ordinal).ToList();
        var extra = actual.Except(expected).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"In {expectedName} but not {actualName}: [{string.Join(", ", missing)}]; in {actualName} but not {expectedName}: [{string.Join(", ", extra)}].");
    }

    [Fact]
    public async Task Document_RequestBodies_AreDocumentedWithoutConstrainingRouting()
    {
        var operations = Operations(await DocumentAsync()).ToDictionary(o => (string?)o.Operation["operationId"] ?? $"{o.Method} {o.Path}");

        var yaml = operations["ValidatePipeline"].Operation["requestBody"]!["content"]!["application/yaml"]!["schema"]!;
        Assert.Equal("string", (string?)yaml["type"]);
        var decision = operations["DecideRunApproval"].Operation["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Contains("ApprovalDecision", decision.ToJsonString(), StringComparison.Ordinal);
        Assert.NotNull(operations["PublishEvents"].Operation["requestBody"]!["content"]!["application/cloudevents-batch+json"]);
        // Accepts metadata would make routing answer 415 to other content types; the handlers answer 400 themselves.
        Assert.All(RouteEndpoints(), e => Assert.True(
            e.Metadata.GetMetadata<IAcceptsMetadata>() is null, $"{e.RoutePattern.RawText} has Accepts metadata: document its body with DocumentRequestBody."));
    }

    [Fact]
    public async Task Document_KeySchemes_OnKeyedOperationsOnly()
    {
        var document = await DocumentAsync();
        var schemes = document["components"]!["securitySchemes"]!;
        var operations = Operations(document).ToDictionary(o => (string?)o.Operation["operationId"] ?? $"{o.Method} {o.Path}");

        Assert.Equal(("apiKey", "header", KeyAuthorization.KeyHeader), Scheme(schemes[ApiDocument.FunctionKeyHeaderScheme]!));
        Assert.Equal(("apiKey", "query", "code"), Scheme(schemes[ApiDocument.FunctionKeyQueryScheme]!));
        Assert.Equal(("apiKey", "header", "aeg-sas-key"), Scheme(schemes[ApiDocument.TopicKeyScheme]!));
        Assert.Equal([ApiDocument.FunctionKeyHeaderScheme, ApiDocument.FunctionKeyQueryScheme], SchemesOf(operations["ListRuns"].Operation));
        Assert.Equal([ApiDocument.FunctionKeyHeaderScheme, ApiDocument.FunctionKeyQueryScheme], SchemesOf(operations["GetInstanceStatus"].Operation));
        Assert.Empty(SchemesOf(operations["GetHealth"].Operation));
        Assert.Empty(SchemesOf(operations["ShowApprovalRequest"].Operation));
        Assert.Empty(SchemesOf(operations["DecideWithApprovalLink"].Operation));
        Assert.Equal([ApiDocument.TopicKeyScheme], SchemesOf(operations["PublishEvents"].Operation));
    }

    [Fact]
    public async Task Document_KeyedOperations_AnswerUnauthorizedWithoutAKey()
    {
        var keyed = Operations(await DocumentAsync())
            .Where(o => SchemesOf(o.Operation).Contains(ApiDocument.FunctionKeyHeaderScheme))
            .ToList();

        Assert.True(keyed.Count > 20, $"only {keyed.Count} operations need a function key");
        foreach (var (method, path, operation) in keyed)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method.ToUpperInvariant()), ParameterPattern().Replace(path, "none"));
            using var response = await host.Anonymous.SendAsync(request);
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{operation["operationId"]}: {method} {path} answered {(int)response.StatusCode} without a key.");
        }
    }

    private async Task<JsonNode> DocumentAsync()
    {
        using var response = await host.Anonymous.GetAsync(DocumentPath);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private List<RouteEndpoint> RouteEndpoints() =>
        [.. ((IEndpointRouteBuilder)host.App).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()];

    private static IEnumerable<(string Method, string Path, JsonNode Operation)> Operations(JsonNode document) =>
        document["paths"]!.AsObject().SelectMany(path => path.Value!.AsObject()
            .Where(o => IsMethod(o.Key))
            .Select(o => (o.Key, path.Key, o.Value!)));

    private static (string?, string?, string?) Scheme(JsonNode scheme) => ((string?)scheme["type"], (string?)scheme["in"], (string?)scheme["name"]);

    /// <summary>The scheme names of the operation's requirements, in order (each requirement alone suffices).</summary>
    private static List<string> SchemesOf(JsonNode operation) =>
        operation["security"]?.AsArray().SelectMany(r => r!.AsObject().Select(s => s.Key)).ToList() ?? [];

    private static bool IsMethod(string key) => key is "get" or "post" or "put" or "patch" or "delete";

    /// <summary>The route as OpenAPI writes it: optional parameters lose their <c>?</c>, a group's empty pattern its trailing <c>/</c>.</summary>
    private static string OpenApiPath(string route) => ParameterPattern().Replace(route.TrimEnd('/'), m => "{" + m.Groups[1].Value + "}");

    /// <summary>Method and path with every parameter as <c>{}</c>, since the README names some differently (<c>{id}</c>, <c>{name}</c>).</summary>
    private static string Normalize(string method, string path) => $"{method.ToUpperInvariant()} {ParameterPattern().Replace(path.TrimEnd('/'), "{}")}";

    /// <summary>
    /// The first cell of each row of the README's route table: <c>`GET /api/runs?pipeline=`</c>, <c>`GET .../instances/{id}`</c>
    /// (<c>...</c> is the management root), <c>`POST .../instances/{id}/terminate\|suspend\|resume?reason=`</c> (three routes).
    /// </summary>
    private static HashSet<string> ReadmeRoutes()
    {
        var readme = File.ReadAllLines(Path.Combine(RepositoryPaths.Root(), "src", "MLOps.Durable.Host", "README.md"));
        var routes = new HashSet<string>();
        foreach (var line in readme)
        {
            if (RouteRow().Match(line) is not { Success: true } row)
            {
                continue;
            }

            var path = QueryPart().Replace(row.Groups["path"].Value, string.Empty).Replace("...", "/runtime/webhooks/durabletask", StringComparison.Ordinal);
            var alternatives = path.Split(@"\|");
            var parent = alternatives[0][..(alternatives[0].LastIndexOf('/') + 1)];
            routes.Add(Normalize(row.Groups["method"].Value, alternatives[0]));
            routes.UnionWith(alternatives.Skip(1).Select(segment => Normalize(row.Groups["method"].Value, parent + segment)));
        }

        return routes;
    }

    /// <summary>A route parameter: <c>{id}</c>, optional <c>{instanceId?}</c> or catch-all <c>{**name}</c>.</summary>
    [GeneratedRegex(@"\{(?:\*\*?)?(\w+)\??\}")]
    private static partial Regex ParameterPattern();

    /// <summary>A query string: from a <c>?</c> that does not mark an optional parameter (<c>{instanceId?}</c>).</summary>
    [GeneratedRegex(@"\?(?!\}).*$")]
    private static partial Regex QueryPart();

    [GeneratedRegex(@"^\| `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>[^`\s]+)`")]
    private static partial Regex RouteRow();
}
