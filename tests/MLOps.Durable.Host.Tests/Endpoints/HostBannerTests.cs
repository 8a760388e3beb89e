namespace MLOps.Durable.Host.Tests.Endpoints;

public sealed class HostBannerTests(HostFixture host) : IClassFixture<HostFixture>
{
    [Fact]
    public async Task Print_ListsFunctionUrls_ButNeitherConfiguredKeysNorHostInternals()
    {
        using var output = new StringWriter();

        await HostBanner.PrintAsync(host.App, output);

        var text = output.ToString();
        var baseUrl = host.BaseAddress.ToString().TrimEnd('/');
        Assert.Contains("MLOps.Durable host - task hub TestHub", text, StringComparison.Ordinal);
        Assert.Contains("Storage: SQLite, .data/TestHub.db", text, StringComparison.Ordinal);
        Assert.Contains($"  health: [GET] {baseUrl}/api/health", text, StringComparison.Ordinal);
        Assert.Contains($"  Hello: orchestrationTrigger - start: [POST] {baseUrl}/runtime/webhooks/durabletask/orchestrators/Hello", text, StringComparison.Ordinal);
        Assert.Contains("  Greet: activityTrigger", text, StringComparison.Ordinal);
        Assert.Contains($"Durable Functions management API: {baseUrl}/runtime/webhooks/durabletask/instances", text, StringComparison.Ordinal);
        Assert.Contains($"Dashboard: {baseUrl}/ (sign in with the function key)", text, StringComparison.Ordinal);
        Assert.Contains("  master (admin): set by MLOPS_MASTER_KEY (not shown)", text, StringComparison.Ordinal);
        Assert.Contains("  function:       set by MLOPS_FUNCTION_KEY (not shown)", text, StringComparison.Ordinal);
        Assert.DoesNotContain(HostFixture.MasterKey, text, StringComparison.Ordinal);
        Assert.DoesNotContain("$Internal", text, StringComparison.Ordinal);
    }
}
