using Microsoft.WindowsAzure.Storage.Table;
using MLOps.Durable.Pipelines.Registry;
using MLOps.Durable.Storage.AzureStorage.Pipelines;
using MLOps.Durable.Storage.AzureStorage.Tests.Testing;
using MLOps.Durable.Testing;

namespace MLOps.Durable.Storage.AzureStorage.Tests.Pipelines;

/// <summary>What only the table registry has: several hosts on one table, the row layout, run ids that keys refuse, table property limits.</summary>
public sealed class TableModelRegistryTests(AzuriteFixture azurite) : IClassFixture<AzuriteFixture>
{
    private const string Churn = "churn";

    private readonly string _hub = AzuriteFixture.NewHubName();
    private readonly FakeTimeProvider _time = new();

    private CloudTable Table => azurite.Account.CreateCloudTableClient().GetTableReference(PipelineStoreNames.RegistryTable(_hub));

    [Fact]
    public async Task RegisterAsync_FourRegistriesOnOneTableConcurrently_GetDistinctConsecutiveVersionsAndSequences()
    {
        var registries = Enumerable.Range(0, 4).Select(_ => Registry()).ToArray();

        var versions = await Task.WhenAll(Enumerable.Range(1, 32).Select(i =>
            Task.Run(() => registries[i % registries.Length].RegisterAsync(new ModelRegistration(Churn, $"run-{i}", "gbdt")))));

        Assert.Equal(Enumerable.Range(1, 32), versions.Select(v => v.Version).Order());
        var stored = await registries[0].GetVersionsAsync(Churn);
        Assert.Equal(versions.OrderBy(v => v.Version).Select(v => (v.Version, v.RunId)), stored.Select(v => (v.Version, v.RunId)));
        var trail = await registries[1].GetAuditTrailAsync();
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (long)i), trail.Select(e => e.Sequence));
        Assert.Equal(stored.Select(v => v.Version), trail.Select(e => e.Version));
    }

    [Fact]
    public async Task RegisterAsync_SameRunFromFourRegistriesConcurrently_CreatesOneVersion()
    {
        var registries = Enumerable.Range(0, 4).Select(_ => Registry()).ToArray();

        var versions = await Task.WhenAll(registries.Select(r => Task.Run(() => r.RegisterAsync(new ModelRegistration(Churn, "run-1", "gbdt")))));

        Assert.All(versions, v => Assert.Equal(1, v.Version));
        Assert.Single(await registries[0].GetAuditTrailAsync());
    }

    [Fact]
    public async Task AliasChanges_FromTwoRegistriesConcurrently_EachCommitsWithItsAuditEntry()
    {
        var (first, second) = (Registry(), Registry());
        for (var i = 1; i <= 3; i++)
        {
            await first.RegisterAsync(new ModelRegistration(Churn, $"run-{i}", "gbdt"));
        }

        await Task.WhenAll(Enumerable.Range(1, 20).Select(percent =>
            Task.Run(() => (percent % 2 == 0 ? first : second).SetAliasAsync(new AliasAssignment(Churn, ModelAliases.Canary, 1 + (percent % 3), "bob", null, percent)))));

        var changes = (await second.GetAuditTrailAsync(Churn)).Where(e => e.Action == RegistryAuditAction.AliasSet).ToList();
        Assert.Equal(20, changes.Count);
        Assert.True(changes.Zip(changes.Skip(1)).All(p => p.Second.PreviousVersion == p.First.Version), "each change saw the one before it");
        var canary = Assert.Single(await first.GetAliasesAsync(Churn));
        Assert.Equal((changes[^1].Version, changes[^1].TrafficPercent), (canary.Version, canary.TrafficPercent));
    }

    [Fact]
    public async Task Changes_RegisterAndDeploy_WriteTheDocumentedRowsInOnePartition()
    {
        var registry = Registry();

        await registry.RegisterAsync(new ModelRegistration(Churn, "runs/2026#1?", "gbdt"));
        await registry.SetAliasAsync(new AliasAssignment(Churn, ModelAliases.Production, 1, "alice"));

        var rows = await AllRowsAsync();
        Assert.All(rows, row => Assert.Equal("registry", row.PartitionKey));
        Assert.Equal(
            [
                "audit|0000000000000000001",
                "audit|0000000000000000002",
                "head",
                "modelaudit|churn|0000000000000000001",
                "modelaudit|churn|0000000000000000002",
                "model|churn",
                "run|churn|runs%2F2026%231%3F",
                "version|churn|0000000001",
            ],
            rows.Select(row => row.RowKey));
        Assert.Equal(2L, rows.Single(r => r.RowKey == "head").Properties["LastSequence"].Int64Value);
        var model = rows.Single(r => r.RowKey == "model|churn");
        Assert.Equal((1, 1, "alice"), (model.Properties["LatestVersion"].Int32Value, model.Properties["ProductionVersion"].Int32Value, model.Properties["ProductionSetBy"].StringValue));
        Assert.Equal(_time.GetUtcNow().UtcTicks, model.Properties["ProductionSetAt"].Int64Value);
    }

    [Theory]
    [InlineData("run/1", "run\\1", "run#1", "run?1", "run%2F1")]
    [InlineData("ürün-1", "ürün-2", "%u00FCr%u00FCn-1", "run'1", "run 1")]
    public async Task RegisterAsync_RunIdsWithCharactersKeysRefuse_StayDistinctAndIdempotent(string a, string b, string c, string d, string e)
    {
        var registry = Registry();
        string[] runs = [a, b, c, d, e];

        var first = await Task.WhenAll(runs.Select(run => registry.RegisterAsync(new ModelRegistration(Churn, run, "gbdt"))));
        var again = await Task.WhenAll(runs.Select(run => registry.RegisterAsync(new ModelRegistration(Churn, run, "other"))));

        Assert.Equal([1, 2, 3, 4, 5], first.Select(v => v.Version).Order());
        Assert.Equal(first.Select(v => (v.Version, v.RunId)), again.Select(v => (v.Version, v.RunId)));
        Assert.Equal(runs.Order(StringComparer.Ordinal), (await registry.GetVersionsAsync(Churn)).Select(v => v.RunId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RegisterAsync_ParametersTooLongForATableProperty_ThrowsNamingParametersAndWritesNothing()
    {
        var registry = Registry();
        var registration = new ModelRegistration(Churn, "run-1", "gbdt") { Parameters = new Dictionary<string, string> { ["vocabulary"] = new string('w', 40_000) } };

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => registry.RegisterAsync(registration));

        Assert.Equal("parameters", error.Field);
        Assert.Contains("too long for an Azure table property: expected at most 32768", error.Message, StringComparison.Ordinal);
        Assert.Empty(await registry.GetModelsAsync());
    }

    [Fact]
    public async Task RegisterAsync_Cancelled_ThrowsOperationCanceledAndRegistersNothing()
    {
        using var cancellation = new CancellationTokenSource();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Registry().RegisterAsync(new ModelRegistration(Churn, "run-1", "gbdt"), cancellation.Token));

        Assert.Empty(await Registry().GetModelsAsync());
    }

    [Fact]
    public async Task Registry_NewInstanceOnTheSameTable_SeesEverythingCommitted()
    {
        var before = Registry();
        await before.RegisterAsync(new ModelRegistration(Churn, "run-1", "gbdt") { Metrics = new Dictionary<string, double> { ["auc"] = 0.1 + 0.2 } });
        await before.SetAliasAsync(new AliasAssignment(Churn, ModelAliases.Canary, 1, "alice", "try it", 10));

        var after = Registry();

        var version = await after.ResolveAsync(Churn, ModelAliases.Canary);
        Assert.Equal(0.1 + 0.2, version.Metrics["auc"]);
        Assert.Equal(await before.GetAuditTrailAsync(), await after.GetAuditTrailAsync());
    }

    private IModelRegistry Registry() => AzurePipelineStores.CreateRegistry(azurite.Account, _hub, _time);

    private async Task<List<DynamicTableEntity>> AllRowsAsync()
    {
        var rows = new List<DynamicTableEntity>();
        TableContinuationToken? token = null;
        do
        {
            var segment = await Table.ExecuteQuerySegmentedAsync(new TableQuery(), token);
            rows.AddRange(segment.Results);
            token = segment.ContinuationToken;
        }
        while (token is not null);

        return [.. rows.OrderBy(r => r.RowKey, StringComparer.Ordinal)];
    }
}
