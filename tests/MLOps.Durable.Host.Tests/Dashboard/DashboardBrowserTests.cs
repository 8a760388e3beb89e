using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using MLOps.Durable.Client;
using MLOps.Durable.History;
using MLOps.Durable.Pipelines.Monitoring;
using static Microsoft.Playwright.Assertions;

namespace MLOps.Durable.Host.Tests.Dashboard;

/// <summary>
/// The dashboard in a real headless Chromium against the real host: sign in with the function key, start an iris
/// run, watch it wait for approval, approve it in the inbox, see it deployed live, the model's versions and audit
/// trail, and the drift charts after two monitor checks on the fake clock. Without a key, only the login shows.
/// Waits are Playwright's auto-waiting assertions (the page polls the API) and conditions on the engine, never sleeps.
/// </summary>
public sealed partial class DashboardBrowserTests(DashboardHost host) : IClassFixture<DashboardHost>
{
    /// <summary>A reviewer comment with markup in it: the page must show it as text and create no element from it.</summary>
    private const string Comment = "metrics look right <img src=x id=injected>";

    [Fact]
    public async Task Lifecycle_StartApproveDeployAndDrift_ShownLiveInTheBrowser()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        var (page, log) = await host.OpenPageAsync();

        // Sign in with the function key.
        await page.GotoAsync("/");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await page.FillAsync("#key", DashboardHost.FunctionKey);
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("main h1")).ToHaveTextAsync("Runs");

        // Start an iris run: its page shows the first stages done and the run waiting for a reviewer.
        await page.SelectOptionAsync("#start-pipeline", "iris");
        await page.ClickAsync("#start-run button[type=submit]");
        await Expect(page).ToHaveURLAsync(RunUrl());
        var runId = Uri.UnescapeDataString(RunUrl().Match(page.Url).Groups[1].Value);
        await Expect(page.Locator("#decide-link")).ToBeVisibleAsync();
        foreach (var stage in new[] { "validate", "train", "evaluate" })
        {
            await Expect(page.Locator($"svg.timeline g[data-stage='{stage}']")).ToHaveAttributeAsync("data-status", "done");
        }

        await Expect(page.Locator("svg.timeline g[data-stage='approve']")).ToHaveAttributeAsync("data-status", "running");
        await Expect(page.Locator("#run-stage")).ToContainTextAsync("waiting for carol@example.com");
        await Expect(page.Locator("#run-validation")).ToContainTextAsync("150 rows");
        await Expect(page.Locator("#run-evaluation")).ToContainTextAsync("accuracy >= 0.9");
        await Expect(page.Locator("#run-approval")).ToContainTextAsync("carol@example.com");
        await DashboardHost.ScreenshotAsync(page, "01-run-waiting-for-approval");

        // The inbox compares the candidate with production (none yet); approve with a comment.
        await page.ClickAsync("#decide-link");
        var card = page.Locator($"article.approval[data-run='{runId}']");
        await Expect(card.Locator("table.compare")).ToContainTextAsync("accuracy");
        await Expect(card).ToContainTextAsync("none yet");
        await Expect(page.Locator("#pending-count")).ToHaveTextAsync("1");
        await card.Locator("select[name=reviewer]").SelectOptionAsync("carol@example.com");
        await card.Locator("textarea[name=comment]").FillAsync(Comment);
        await DashboardHost.ScreenshotAsync(page, "02-approvals-inbox");
        await card.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();
        await Expect(page.Locator("#decided")).ToContainTextAsync($"Approved {runId} as carol@example.com");

        // The run page follows the run to deployed by itself; the comment is text, not markup.
        await page.Locator("#decided a").ClickAsync();
        await Expect(page.Locator("#run-status")).ToHaveTextAsync("deployed");
        await Expect(page.Locator("#run-outcome")).ToContainTextAsync("production v1, approved by carol@example.com");
        await Expect(page.Locator("#run-approval table.decisions")).ToContainTextAsync(Comment);
        await Expect(page.Locator("#injected")).ToHaveCountAsync(0);
        await Expect(page.Locator("svg.timeline g[data-stage='deploy']")).ToHaveAttributeAsync("data-status", "done");
        await Expect(page.Locator("#run-events")).ToContainTextAsync("MLOps.Run.Completed");
        await page.ClickAsync("#history-details summary");
        await Expect(page.Locator("table.history")).ToContainTextAsync("ExecutionCompleted");
        await DashboardHost.ScreenshotAsync(page, "03-run-deployed");

        // The model: v1 in production, lineage back to the run, the audit trail; a rollback with nothing before v1 is refused.
        await page.ClickAsync("#nav a[data-section=models]");
        await page.Locator("#models").GetByRole(AriaRole.Link, new() { Name = "iris", Exact = true }).ClickAsync();
        await Expect(page.Locator("#model-aliases")).ToContainTextAsync("production");
        await Expect(page.Locator("#model-versions .lineage")).ToContainTextAsync(runId);
        await Expect(page.Locator("#model-audit")).ToContainTextAsync("registered");
        await page.ClickAsync("#rollback");
        await Expect(page.Locator("#model-change .message")).ToContainTextAsync("Conflict");
        await DashboardHost.ScreenshotAsync(page, "04-model");

        // Served inputs like the training data, then a drift check on the fake clock (the monitor checks every 6h).
        await WaitForMonitorTimerAsync(checks: 0, timeout.Token);
        await PredictAsync(scale: 1, timeout.Token);
        host.Time.Advance(TimeSpan.FromHours(6));
        await WaitForMonitorTimerAsync(checks: 1, timeout.Token);

        // The monitoring page charts drift per feature; shifted inputs and the next check extend the charts live.
        await page.ClickAsync("#nav a[data-section=monitoring]");
        await page.Locator("#monitors").GetByRole(AriaRole.Link, new() { Name = "iris", Exact = true }).ClickAsync();
        var chart = page.Locator("svg.check-chart[data-feature='petal_length']");
        await Expect(chart).ToHaveAttributeAsync("data-points", "1");
        await Expect(page.Locator("#dataset-drift .badge")).ToHaveTextAsync("healthy");
        await PredictAsync(scale: 4, timeout.Token);
        host.Time.Advance(TimeSpan.FromHours(6));
        await Expect(chart).ToHaveAttributeAsync("data-points", "2");
        await Expect(chart.Locator("circle.point")).ToHaveCountAsync(2);
        await Expect(chart.Locator("circle.flagged")).ToHaveCountAsync(1);
        await Expect(page.Locator("svg.check-chart")).ToHaveCountAsync(5);
        await Expect(page.Locator("#dataset-drift .badge")).ToHaveTextAsync("drift");
        await Expect(page.Locator("#drift-report svg.histogram")).ToHaveCountAsync(4);
        await Expect(page.Locator("#retraining-runs")).ToContainTextAsync("iris-retrain-2");
        await DashboardHost.ScreenshotAsync(page, "05-monitoring-drift");

        // The runs list: both runs, and its filters narrow it (status deployed leaves the approved run only).
        await page.ClickAsync("#nav a[data-section=runs]");
        await Expect(page.Locator("#runs tbody tr")).ToHaveCountAsync(2);
        await Expect(page.Locator("#runs")).ToContainTextAsync("drift");
        await page.SelectOptionAsync("#run-filters select[name=status]", "deployed");
        await page.ClickAsync("#run-filters button[type=submit]");
        await Expect(page.Locator("#runs tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator($"#runs tr[data-key='{runId}']")).ToBeVisibleAsync();
        await DashboardHost.ScreenshotAsync(page, "06-runs-filtered");

        // The one refusal asked for (the rollback's 409) is on the console as a failed load; nothing else may be.
        Assert.Equal([(409, "/api/models/iris/rollback")], log.Responses.Where(r => r.Status >= 400).Select(r => (r.Status, new Uri(r.Url).AbsolutePath)));
        Assert.DoesNotContain(log.Errors, e => !e.Contains("status of 409", StringComparison.Ordinal));
        Assert.All(log.Requests, url => Assert.StartsWith(host.BaseAddress.ToString(), url, StringComparison.Ordinal));
        Assert.DoesNotContain(log.Requests, url => url.Contains(DashboardHost.FunctionKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task NoKey_OnlyTheLoginShows_AndARefusedKeyReturnsToIt()
    {
        var (page, log) = await host.OpenPageAsync();

        // No key: the login, nothing asked of the API.
        await page.GotoAsync("/#/runs");
        await Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        await Expect(page.Locator("#view")).ToBeEmptyAsync();
        Assert.DoesNotContain(log.Requests, url => new Uri(url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal));
        Assert.Equal(401, await page.EvaluateAsync<int>("async () => (await fetch('/api/runs')).status"));
        await DashboardHost.ScreenshotAsync(page, "00-login");

        // A wrong key is refused at sign-in and not kept.
        await page.FillAsync("#key", "not-a-key");
        await page.ClickAsync("#login-form button[type=submit]");
        await Expect(page.Locator("#login-message")).ToContainTextAsync("refused (401)");
        await Expect(page.Locator("#view")).ToBeEmptyAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('mlops.functionKey')"));

        // A key that stops working (rotated, say) sends the page back to the login at its next call, showing nothing.
        await page.EvaluateAsync("sessionStorage.setItem('mlops.functionKey', 'rotated-key')");
        await page.GotoAsync("/#/models");
        await Expect(page.Locator("#login-message")).ToContainTextAsync("not accepted (401)");
        await Expect(page.Locator("#view")).ToBeEmptyAsync();
        await Expect(page.Locator("#nav")).ToBeHiddenAsync();
        Assert.Null(await page.EvaluateAsync<string?>("sessionStorage.getItem('mlops.functionKey')"));

        var api = log.Responses.Where(r => new Uri(r.Url).AbsolutePath.StartsWith("/api/", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(api);
        Assert.All(api, r => Assert.Equal(401, r.Status));
        // Chromium reports each refused fetch on the console; anything else would be a fault of the page.
        Assert.DoesNotContain(log.Errors, e => !e.Contains("status of 401", StringComparison.Ordinal));
    }

    /// <summary>Waits until the monitor has done <paramref name="checks"/> checks and its next timer is set beyond now.</summary>
    private async Task WaitForMonitorTimerAsync(int checks, CancellationToken cancellationToken)
    {
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var monitor = ModelMonitorOrchestrator.InstanceIdFor("iris");
        // The engine runs on its own threads; poll what a client can see, bounded by the test's timeout.
        while (!(await client.GetInstanceAsync(monitor, true, cancellationToken) is { } instance
            && instance.ReadInputAs<MonitorState>()?.Checks == checks
            && (await client.GetHistoryAsync(monitor, cancellationToken)).OfType<TimerCreated>().Any(t => t.FireAt > host.Time.GetUtcNow())))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    /// <summary>Predicts every third iris row (all three species), every feature multiplied by <paramref name="scale"/>.</summary>
    private async Task PredictAsync(double scale, CancellationToken cancellationToken)
    {
        var lines = await File.ReadAllLinesAsync(Path.Combine(RepositoryPaths.Root(), "workflows", "data", "iris.csv"), cancellationToken);
        var header = lines[0].Split(',');
        var features = Enumerable.Range(0, header.Length).Where(j => header[j] != "species").ToList();
        var rows = lines.Skip(1).Where((_, i) => i % 3 == 0).Select(line =>
        {
            var cells = line.Split(',');
            return features.ToDictionary(j => header[j], j => double.Parse(cells[j], CultureInfo.InvariantCulture) * scale);
        }).ToList();
        using var response = await host.Http.PostAsJsonAsync("/api/models/iris/predict", new { rows }, cancellationToken);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    [GeneratedRegex("#/runs/(iris-[0-9a-f]{32})$")]
    private static partial Regex RunUrl();
}
