using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MLOps.Durable.Host.Dashboard;
using MLOps.Durable.Host.Tests.Endpoints;

namespace MLOps.Durable.Host.Tests.Dashboard;

/// <summary>
/// The dashboard's files over real HTTP, without a key: the shell and its scripts are served with a policy that
/// lets only them run, and hold no data. The scripts never hand text to an HTML parser.
/// </summary>
public sealed partial class DashboardFilesTests(HostFixture host) : IClassFixture<HostFixture>
{
    private static readonly string Source = Path.Combine(RepositoryPaths.Root(), "src", "MLOps.Durable.Host", "Dashboard", "wwwroot");

    [Fact]
    public async Task Root_NoKey_ServesTheLoginShellWithAStrictPolicy()
    {
        using var response = await host.Anonymous.GetAsync("/");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(DashboardFiles.ContentSecurityPolicy, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("id=\"login-form\"", html, StringComparison.Ordinal);
        // Every script is a file of the dashboard's own: nothing inline, nothing from elsewhere.
        Assert.All(ScriptTag().Matches(html), tag => Assert.Matches("src=\"js/[a-z-]+\\.js\"", tag.Value));
        Assert.DoesNotContain("http", string.Concat(AssetReference().Matches(html).Select(m => m.Value)), StringComparison.Ordinal);
        Assert.DoesNotContain("churn", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Files_EverySourceFile_IsServedWithItsContentType()
    {
        var files = Directory.EnumerateFiles(Source, "*", SearchOption.AllDirectories).ToList();

        Assert.Contains(files, f => f.EndsWith("app.js", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var path = "/" + Path.GetRelativePath(Source, file).Replace('\\', '/');
            using var response = await host.Anonymous.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode}");
            Assert.Equal(await File.ReadAllBytesAsync(file), await response.Content.ReadAsByteArrayAsync());
            var expected = Path.GetExtension(file) switch { ".js" => "text/javascript", ".css" => "text/css", ".html" => "text/html", ".svg" => "image/svg+xml", var other => other };
            Assert.Equal(expected, response.Content.Headers.ContentType!.MediaType);
        }
    }

    [Fact]
    public async Task Config_NoKey_NamesOnlyTheApiPrefix()
    {
        using var response = await host.Anonymous.GetAsync(DashboardFiles.ConfigPath);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/api", (string)body["apiBase"]!);
        Assert.Single(body);
    }

    [Fact]
    public void Scripts_NeverParseTextAsHtml()
    {
        var scripts = Directory.EnumerateFiles(Source, "*.js", SearchOption.AllDirectories).ToList();

        Assert.True(scripts.Count >= 8, $"{scripts.Count} scripts");
        foreach (var script in scripts)
        {
            var code = File.ReadAllText(script);
            foreach (var sink in new[] { "innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "createContextualFragment", "DOMParser" })
            {
                Assert.False(code.Contains(sink, StringComparison.Ordinal), $"{Path.GetFileName(script)} uses {sink}: build elements with dom.js (text nodes) instead.");
            }
        }
    }

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();

    [GeneratedRegex("(?:src|href)=\"[^\"#]*\"")]
    private static partial Regex AssetReference();
}
