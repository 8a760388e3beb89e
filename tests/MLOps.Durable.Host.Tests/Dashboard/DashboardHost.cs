using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Host.Tests.Dashboard;

/// <summary>
/// The real host on loopback (Kestrel, SQLite, ONNX Runtime) with the shipped iris pipeline and a fake clock, and a
/// headless Debian Chromium driven by Microsoft.Playwright. The iris copy retrains on drift, so the monitoring page
/// has a retraining run to show. Screenshots go to <see cref="ScreenshotFolder"/>.
/// </summary>
public sealed class DashboardHost : IAsyncLifetime
{
    /// <summary>The setting naming another Chromium binary than Debian's.</summary>
    public const string ChromiumPathVariable = "MLOPS_CHROMIUM_PATH";

    public const string FunctionKey = "dashboard-function-key";

    private readonly string _root = Directory.CreateTempSubdirectory("mlops-dashboard-").FullName;
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

    public Uri BaseAddress { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public IServiceProvider Services => _app!.Services;

    /// <summary>A client with the function key, for what the test does outside the page (predictions).</summary>
    public HttpClient Http { get; private set; } = null!;

    /// <summary>The test's output folder (TestResults/screenshots beside the test assembly), or MLOPS_SCREENSHOTS_DIR.</summary>
    public static string ScreenshotFolder { get; } =
        Environment.GetEnvironmentVariable("MLOPS_SCREENSHOTS_DIR") is { Length: > 0 } folder ? folder : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    public async Task InitializeAsync()
    {
        var workflows = Path.Combine(RepositoryPaths.Root(), "workflows");
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "data"));
        File.Copy(Path.Combine(workflows, "data", "iris.csv"), Path.Combine(_root, "workflows", "data", "iris.csv"));
        var iris = await File.ReadAllTextAsync(Path.Combine(workflows, "iris.pipeline.yaml"));
        Assert.Contains("onDrift: notify", iris, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(_root, "workflows", "iris.pipeline.yaml"), iris.Replace("onDrift: notify", "onDrift: retrain", StringComparison.Ordinal));
        await File.WriteAllTextAsync(Path.Combine(_root, "host.json"), """{ "version": "2.0", "logging": { "logLevel": { "default": "Warning" } } }""");

        _app = HostApplication.Build(
            ["--urls", "http://127.0.0.1:0", "--contentRoot", _root, "--MLOPS_MASTER_KEY", "dashboard-master-key", "--MLOPS_FUNCTION_KEY", FunctionKey],
            configureServices: services => services.AddSingleton<TimeProvider>(Time));
        await _app.StartAsync();
        BaseAddress = new Uri(_app.Urls.First());
        Http = new HttpClient { BaseAddress = BaseAddress };
        Http.DefaultRequestHeaders.Add("x-functions-key", FunctionKey);

        var chromium = Environment.GetEnvironmentVariable(ChromiumPathVariable) is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(chromium))
        {
            throw new InvalidOperationException(
                $"Chromium not found at {chromium}: run 'bash scripts/install-test-deps.sh' (installs Debian's chromium) or set {ChromiumPathVariable}.");
        }

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            // No sandbox: test machines and containers often run as root, where Chromium's sandbox refuses to start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking"],
        });
        Assertions.SetDefaultExpectTimeout(60_000);
        Directory.CreateDirectory(ScreenshotFolder);
    }

    /// <summary>
    /// A fresh browser context (own session storage) on the host, with every console error, page error and request
    /// recorded so a test can assert there were none and that nothing left loopback.
    /// </summary>
    public async Task<(IPage Page, BrowserLog Log)> OpenPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var log = new BrowserLog();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                log.Errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => log.Errors.Enqueue($"page: {error}");
        page.Request += (_, request) => log.Requests.Enqueue(request.Url);
        page.Response += (_, response) => log.Responses.Enqueue((response.Url, response.Status));
        return (page, log);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = true });

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        Http?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Directory.Delete(_root, recursive: true);
    }

    /// <summary>What a page did: errors it reported and every request it made.</summary>
    public sealed class BrowserLog
    {
        // Playwright raises its events on its own threads.
        public ConcurrentQueue<string> Errors { get; } = new();

        public ConcurrentQueue<string> Requests { get; } = new();

        public ConcurrentQueue<(string Url, int Status)> Responses { get; } = new();
    }
}
