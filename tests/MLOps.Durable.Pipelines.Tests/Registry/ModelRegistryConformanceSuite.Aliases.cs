using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Tests.Registry;

public abstract partial class ModelRegistryConformanceSuite
{
    [Fact]
    public async Task SetAliasAsync_Production_ResolvesToThatVersionWithWhoAndWhen()
    {
        await RegisterVersionsAsync(2);
        Time.Advance(TimeSpan.FromHours(1));

        var alias = await SetAsync(ModelAliases.Production, 1);

        Assert.Equal(new ModelAlias(ModelAliases.Production, 1, null, Time.GetUtcNow(), "alice"), alias);
        Assert.Equal("run-1", (await Registry.ResolveAsync(Churn, ModelAliases.Production)).RunId);
        Assert.Equal([alias], await Registry.GetAliasesAsync(Churn));
    }

    [Fact]
    public async Task SetAliasAsync_SameVersionAgain_ChangesNothingAndAddsNoAuditEntry()
    {
        await RegisterVersionsAsync(1);
        var first = await SetAsync(ModelAliases.Production, 1);
        Time.Advance(TimeSpan.FromMinutes(1));

        var again = await SetAsync(ModelAliases.Production, 1);

        Assert.Equal(first, again);
        Assert.Equal([RegistryAuditAction.Registered, RegistryAuditAction.AliasSet], await ActionsAsync());
    }

    [Fact]
    public async Task SetAliasAsync_CanaryPercentChanged_UpdatesAndAudits()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Canary, 2, trafficPercent: 10);

        var alias = await SetAsync(ModelAliases.Canary, 2, trafficPercent: 50);

        Assert.Equal(50, alias.TrafficPercent);
        var last = (await Registry.GetAuditTrailAsync(Churn))[^1];
        Assert.Equal((RegistryAuditAction.AliasSet, ModelAliases.Canary, 2, (int?)2, (int?)50), (last.Action, last.Alias, last.Version, last.PreviousVersion, last.TrafficPercent));
        Assert.Equal("canary: version 2 -> 2 at 50% traffic", last.Details);
    }

    [Fact]
    public async Task GetAliasesAsync_AllThreeSet_InDisplayOrder()
    {
        await RegisterVersionsAsync(3);
        await SetAsync(ModelAliases.Canary, 3, trafficPercent: 5);
        await SetAsync(ModelAliases.Production, 2);
        await SetAsync(ModelAliases.Staging, 1);

        var aliases = await Registry.GetAliasesAsync(Churn);

        Assert.Equal([ModelAliases.Staging, ModelAliases.Production, ModelAliases.Canary], aliases.Select(a => a.Alias));
        Assert.Equal([1, 2, 3], aliases.Select(a => a.Version));
    }

    [Theory]
    [InlineData("prod")]
    [InlineData("Production")]
    [InlineData("")]
    public async Task SetAliasAsync_UnknownAlias_ThrowsListingTheAliases(string alias)
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => SetAsync(alias, 1));

        Assert.Equal("alias", error.Field);
        Assert.Contains("expected one of staging, production, canary", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ModelAliases.Canary, null)]
    [InlineData(ModelAliases.Canary, 0)]
    [InlineData(ModelAliases.Canary, 100)]
    [InlineData(ModelAliases.Production, 10)]
    [InlineData(ModelAliases.Staging, 50)]
    public async Task SetAliasAsync_TrafficPercentWrongForAlias_ThrowsNamingTrafficPercent(string alias, int? trafficPercent)
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => SetAsync(alias, 1, trafficPercent));

        Assert.Equal("trafficPercent", error.Field);
        Assert.Empty(await Registry.GetAliasesAsync(Churn));
    }

    [Fact]
    public async Task SetAliasAsync_UnknownVersion_ThrowsAndRecordsNothing()
    {
        await RegisterVersionsAsync(1);

        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => SetAsync(ModelAliases.Production, 2));

        Assert.Empty(await Registry.GetAliasesAsync(Churn));
        Assert.Equal([RegistryAuditAction.Registered], await ActionsAsync());
    }

    [Fact]
    public async Task SetAliasAsync_UnknownModel_ThrowsModelNotFound()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => SetAsync(ModelAliases.Production, 1, model: "fraud"));
    }

    [Fact]
    public async Task SetAliasAsync_BlankActor_ThrowsNamingActor()
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(
            () => Registry.SetAliasAsync(new AliasAssignment(Churn, ModelAliases.Production, 1, " ")));

        Assert.Equal("actor", error.Field);
    }

    [Fact]
    public async Task ResolveAsync_AliasNotSet_ThrowsAliasNotFound()
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<ModelAliasNotFoundException>(() => Registry.ResolveAsync(Churn, ModelAliases.Canary));

        Assert.Equal((Churn, ModelAliases.Canary), (error.Model, error.Alias));
        Assert.Equal("Model 'churn' has no 'canary' version: set the alias first.", error.Message);
    }

    [Fact]
    public async Task ResolveAsync_UnknownModel_ThrowsModelNotFound()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.ResolveAsync("fraud", ModelAliases.Production));
    }

    [Fact]
    public async Task RemoveAliasAsync_CanarySet_RemovesAndAudits()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Canary, 2, trafficPercent: 20);

        var removed = await Registry.RemoveAliasAsync(Churn, ModelAliases.Canary, "bob", "error rate up");

        Assert.True(removed);
        Assert.Empty(await Registry.GetAliasesAsync(Churn));
        var last = (await Registry.GetAuditTrailAsync(Churn))[^1];
        Assert.Equal((RegistryAuditAction.AliasRemoved, "bob", 2, ModelAliases.Canary, "error rate up"), (last.Action, last.Actor, last.Version, last.Alias, last.Reason));
    }

    [Fact]
    public async Task RemoveAliasAsync_NotSet_ReturnsFalseWithoutAuditEntry()
    {
        await RegisterVersionsAsync(1);

        Assert.False(await Registry.RemoveAliasAsync(Churn, ModelAliases.Canary, "bob"));
        Assert.Equal([RegistryAuditAction.Registered], await ActionsAsync());
    }

    [Fact]
    public async Task PromoteCanaryAsync_CanarySet_BecomesProductionAndCanaryIsRemoved()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Canary, 2, trafficPercent: 10);
        Time.Advance(TimeSpan.FromHours(2));

        var production = await Registry.PromoteCanaryAsync(Churn, "pipeline:run-2", "canary healthy");

        Assert.Equal(new ModelAlias(ModelAliases.Production, 2, null, Time.GetUtcNow(), "pipeline:run-2"), production);
        Assert.Equal([production], await Registry.GetAliasesAsync(Churn));
        var last = (await Registry.GetAuditTrailAsync(Churn))[^1];
        Assert.Equal((RegistryAuditAction.Promoted, 2, (int?)1), (last.Action, last.Version, last.PreviousVersion));
        Assert.Equal("production: version 1 -> 2 (canary at 10% promoted)", last.Details);
    }

    [Fact]
    public async Task PromoteCanaryAsync_NoCanary_ThrowsConflictAndChangesNothing()
    {
        await RegisterVersionsAsync(1);
        await SetAsync(ModelAliases.Production, 1);

        var error = await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.PromoteCanaryAsync(Churn, "bob"));

        Assert.Equal("Model 'churn' has no canary to promote: set the 'canary' alias with a traffic percent first.", error.Message);
        Assert.Equal(1, await ProductionAsync());
    }

    [Fact]
    public async Task RollbackAsync_AfterSecondDeploy_GoesBackToPreviousProduction()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Production, 2);

        var production = await Registry.RollbackAsync(Churn, "bob", "latency regression");

        Assert.Equal((1, "bob"), (production.Version, production.SetBy));
        Assert.Equal(1, await ProductionAsync());
        var last = (await Registry.GetAuditTrailAsync(Churn))[^1];
        Assert.Equal((RegistryAuditAction.RolledBack, 1, (int?)2, "latency regression"), (last.Action, last.Version, last.PreviousVersion, last.Reason));
    }

    [Fact]
    public async Task RollbackAsync_Repeated_WalksBackThroughEarlierProductionVersions()
    {
        await RegisterVersionsAsync(3);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Production, 2);
        await SetAsync(ModelAliases.Production, 3);

        Assert.Equal(2, (await Registry.RollbackAsync(Churn, "bob")).Version);
        Assert.Equal(1, (await Registry.RollbackAsync(Churn, "bob")).Version);
        var error = await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.RollbackAsync(Churn, "bob"));
        Assert.Equal("Model 'churn' cannot roll back: production is version 1 and the audit trail has no earlier production version.", error.Message);
    }

    [Fact]
    public async Task RollbackAsync_AfterPromote_GoesBackToProductionBeforeTheCanary()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Canary, 2, trafficPercent: 25);
        await Registry.PromoteCanaryAsync(Churn, "bob");

        await Registry.RollbackAsync(Churn, "bob");

        Assert.Equal(1, await ProductionAsync());
    }

    [Fact]
    public async Task RollbackAsync_DeployAfterRollback_RollsBackToTheRolledBackTo()
    {
        await RegisterVersionsAsync(3);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Production, 2);
        await Registry.RollbackAsync(Churn, "bob");
        await SetAsync(ModelAliases.Production, 3);

        await Registry.RollbackAsync(Churn, "bob");

        Assert.Equal(1, await ProductionAsync());
    }

    [Fact]
    public async Task RollbackAsync_StagingAndCanaryChanges_DoNotCountAsProduction()
    {
        await RegisterVersionsAsync(3);
        await SetAsync(ModelAliases.Staging, 3);
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Canary, 3, trafficPercent: 5);

        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.RollbackAsync(Churn, "bob"));
        Assert.Equal(1, await ProductionAsync());
    }

    [Fact]
    public async Task RollbackAsync_ProductionRemovedAndSetAgain_HasNothingBefore()
    {
        await RegisterVersionsAsync(2);
        await SetAsync(ModelAliases.Production, 1);
        await Registry.RemoveAliasAsync(Churn, ModelAliases.Production, "bob");
        await SetAsync(ModelAliases.Production, 2);

        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.RollbackAsync(Churn, "bob"));
    }

    [Fact]
    public async Task RollbackAsync_NoProduction_ThrowsConflict()
    {
        await RegisterVersionsAsync(1);

        var error = await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.RollbackAsync(Churn, "bob"));

        Assert.Equal(Churn, error.Model);
        Assert.Contains("no production version", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RollbackAsync_UnknownModel_ThrowsModelNotFound()
    {
        await Assert.ThrowsAsync<ModelNotFoundException>(() => Registry.RollbackAsync("fraud", "bob"));
    }
}
