using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Tests.Registry;

public abstract partial class ModelRegistryConformanceSuite
{
    [Fact]
    public async Task RegisterAsync_FirstRun_CreatesVersionOneWithEverythingRecorded()
    {
        var registration = Registration("run-1");

        var version = await Registry.RegisterAsync(registration);

        Assert.Equal((Churn, 1, "run-1", "logistic-regression", Time.GetUtcNow()), (version.Model, version.Version, version.RunId, version.Trainer, version.CreatedAt));
        var stored = await Registry.GetVersionAsync(Churn, 1);
        Assert.Equal(registration.Parameters, stored.Parameters);
        Assert.Equal(registration.Metrics, stored.Metrics);
        Assert.Equal(registration.Lineage, stored.Lineage);
        Assert.Equal(registration.Artifacts, stored.Artifacts);
        Assert.Equal(Time.GetUtcNow(), stored.CreatedAt);
    }

    [Fact]
    public async Task RegisterAsync_NoOptionalFields_StoresEmptyLineageAndArtifacts()
    {
        await Registry.RegisterAsync(new ModelRegistration(Churn, "run-1", "gbdt"));

        var stored = await Registry.GetVersionAsync(Churn, 1);

        Assert.Empty(stored.Parameters);
        Assert.Empty(stored.Metrics);
        Assert.Equal(ModelLineage.None, stored.Lineage);
        Assert.Equal(ModelArtifacts.None, stored.Artifacts);
    }

    [Fact]
    public async Task RegisterAsync_NewRuns_NumbersVersionsPerModel()
    {
        await Registry.RegisterAsync(Registration("run-1"));
        var second = await Registry.RegisterAsync(Registration("run-2"));
        var other = await Registry.RegisterAsync(Registration("run-2", model: "fraud"));

        Assert.Equal(2, second.Version);
        Assert.Equal(1, other.Version);
        Assert.Equal([1, 2], (await Registry.GetVersionsAsync(Churn)).Select(v => v.Version));
    }

    [Fact]
    public async Task RegisterAsync_SameRunAgainWithOtherPayload_ReturnsExistingVersionUnchanged()
    {
        var first = await Registry.RegisterAsync(Registration("run-1", auc: 0.9));
        Time.Advance(TimeSpan.FromMinutes(5));

        var again = await Registry.RegisterAsync(Registration("run-1", auc: 0.5) with { Trainer = "gbdt" });

        Assert.Equal((1, "logistic-regression", 0.9, first.CreatedAt), (again.Version, again.Trainer, again.Metrics["auc"], again.CreatedAt));
        Assert.Single(await Registry.GetVersionsAsync(Churn));
        Assert.Equal([RegistryAuditAction.Registered], await ActionsAsync());
    }

    [Fact]
    public async Task RegisterAsync_CallerChangesItsDictionariesAfterwards_StoredVersionUnchanged()
    {
        var parameters = new Dictionary<string, string> { ["l2"] = "0.01" };
        await Registry.RegisterAsync(new ModelRegistration(Churn, "run-1", "gbdt") { Parameters = parameters });

        parameters["l2"] = "9";

        Assert.Equal("0.01", (await Registry.GetVersionAsync(Churn, 1)).Parameters["l2"]);
    }

    [Fact]
    public async Task RegisterAsync_ParallelDifferentRuns_GetDistinctConsecutiveVersions()
    {
        var versions = await Task.WhenAll(Enumerable.Range(1, 24).Select(i => Task.Run(() => Registry.RegisterAsync(Registration($"run-{i}")))));

        Assert.Equal(Enumerable.Range(1, 24), versions.Select(v => v.Version).Order());
        Assert.Equal(24, (await Registry.GetAuditTrailAsync(Churn)).Count);
    }

    [Fact]
    public async Task RegisterAsync_ParallelSameRun_CreatesOneVersion()
    {
        var versions = await Task.WhenAll(Enumerable.Range(1, 12).Select(_ => Task.Run(() => Registry.RegisterAsync(Registration("run-1")))));

        Assert.All(versions, v => Assert.Equal(1, v.Version));
        Assert.Single(await Registry.GetVersionsAsync(Churn));
    }

    [Theory]
    [InlineData("")]
    [InlineData("churn model")]
    [InlineData("../churn")]
    [InlineData("churn/v2")]
    [InlineData("churn\n")]
    [InlineData("modèle")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234x")]
    public async Task RegisterAsync_InvalidModelName_ThrowsNamingFieldAndRule(string model)
    {
        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => Registry.RegisterAsync(Registration("run-1", model: model)));

        Assert.Equal("model", error.Field);
        Assert.Contains("expected 1 to 64 letters, digits, '-', '_' or '.'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Theory]
    [InlineData("a.b-c_D9")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task RegisterAsync_ValidModelName_Registers(string model)
    {
        var version = await Registry.RegisterAsync(Registration("run-1", model: model));

        Assert.Equal(model, version.Model);
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public async Task RegisterAsync_NonFiniteMetric_ThrowsNamingTheMetric(double value)
    {
        var registration = Registration("run-1") with { Metrics = new Dictionary<string, double> { ["auc"] = value } };

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => Registry.RegisterAsync(registration));

        Assert.Equal("metrics", error.Field);
        Assert.Contains("'auc'", error.Message, StringComparison.Ordinal);
        Assert.Empty(await Registry.GetModelsAsync());
    }

    [Theory]
    [InlineData("", "logistic-regression", "runId")]
    [InlineData("run-1", " ", "trainer")]
    [InlineData("run\u0001", "logistic-regression", "runId")]
    public async Task RegisterAsync_InvalidRunOrTrainer_ThrowsNamingTheField(string runId, string trainer, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(
            () => Registry.RegisterAsync(new ModelRegistration(Churn, runId, trainer)));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task GetVersionAsync_UnknownModel_ThrowsModelNotFound()
    {
        var error = await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetVersionAsync("nope", 1));

        Assert.Equal("nope", error.Model);
        Assert.Contains("'nope'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetVersionAsync_UnknownVersion_ThrowsVersionNotFoundWithRange()
    {
        await RegisterVersionsAsync(2);

        var error = await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => Registry.GetVersionAsync(Churn, 3));

        Assert.Equal((Churn, 3, 2), (error.Model, error.Version, error.LatestVersion));
        Assert.Equal("Model 'churn' has no version 3: expected a version from 1 to 2.", error.Message);
    }

    [Fact]
    public async Task GetVersionAsync_VersionZero_ThrowsInvalidRequest()
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => Registry.GetVersionAsync(Churn, 0));

        Assert.Equal("version", error.Field);
    }

    [Fact]
    public async Task GetVersionsAsync_UnknownModel_ThrowsModelNotFound()
    {
        await RegisterVersionsAsync(1);

        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.GetVersionsAsync("fraud"));
    }

    [Fact]
    public async Task GetModelsAsync_Empty_ReturnsNone()
    {
        Assert.Empty(await Registry.GetModelsAsync());
    }

    [Fact]
    public async Task GetModelsAsync_SeveralModels_ListsByNameWithLatestVersionAndAliases()
    {
        await Registry.RegisterAsync(Registration("run-1", model: "fraud"));
        await RegisterVersionsAsync(3);
        await SetAsync(ModelAliases.Canary, 3, trafficPercent: 10);
        await SetAsync(ModelAliases.Production, 2);

        var models = await Registry.GetModelsAsync();

        Assert.Equal(["churn", "fraud"], models.Select(m => m.Model));
        Assert.Equal(3, models[0].LatestVersion);
        Assert.Equal([(ModelAliases.Production, 2, (int?)null), (ModelAliases.Canary, 3, 10)],
            models[0].Aliases.Select(a => (a.Alias, a.Version, a.TrafficPercent)));
        Assert.Equal((1, 0), (models[1].LatestVersion, models[1].Aliases.Count));
    }
}
