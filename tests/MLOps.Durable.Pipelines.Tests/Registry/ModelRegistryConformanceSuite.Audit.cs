using MLOps.Durable.Pipelines.Registry;

namespace MLOps.Durable.Pipelines.Tests.Registry;

public abstract partial class ModelRegistryConformanceSuite
{
    [Fact]
    public async Task GetAuditTrailAsync_ReleaseCycle_RecordsEveryChangeInOrder()
    {
        var start = Time.GetUtcNow();
        await RegisterVersionsAsync(2);
        Time.Advance(TimeSpan.FromMinutes(1));
        await SetAsync(ModelAliases.Production, 1);
        await SetAsync(ModelAliases.Canary, 2, trafficPercent: 10);
        Time.Advance(TimeSpan.FromMinutes(1));
        await Registry.PromoteCanaryAsync(Churn, "carol", "healthy");
        await Registry.RollbackAsync(Churn, "dave", "complaints");
        await Registry.RemoveAliasAsync(Churn, ModelAliases.Production, "erin");

        var trail = await Registry.GetAuditTrailAsync();

        Assert.Equal(
            [
                (RegistryAuditAction.Registered, "run:run-1", 1, (string?)null, start),
                (RegistryAuditAction.Registered, "run:run-2", 2, null, start),
                (RegistryAuditAction.AliasSet, "alice", 1, ModelAliases.Production, start.AddMinutes(1)),
                (RegistryAuditAction.AliasSet, "alice", 2, ModelAliases.Canary, start.AddMinutes(1)),
                (RegistryAuditAction.Promoted, "carol", 2, ModelAliases.Production, start.AddMinutes(2)),
                (RegistryAuditAction.RolledBack, "dave", 1, ModelAliases.Production, start.AddMinutes(2)),
                (RegistryAuditAction.AliasRemoved, "erin", 1, ModelAliases.Production, start.AddMinutes(2)),
            ],
            trail.Select(e => (e.Action, e.Actor, e.Version, e.Alias, e.Time)));
        Assert.All(trail, e => Assert.Equal(Churn, e.Model));
        Assert.True(trail.Zip(trail.Skip(1)).All(p => p.First.Sequence < p.Second.Sequence), "sequences increase");
        Assert.Equal("version 1 from run run-1, trainer logistic-regression", trail[0].Details);
    }

    [Fact]
    public async Task GetAuditTrailAsync_ModelGiven_ReturnsOnlyThatModel()
    {
        await Registry.RegisterAsync(Registration("run-1", model: "fraud"));
        await RegisterVersionsAsync(1);

        var trail = await Registry.GetAuditTrailAsync("fraud");

        Assert.Equal("fraud", Assert.Single(trail).Model);
        Assert.Empty(await Registry.GetAuditTrailAsync("unknown"));
    }

    [Fact]
    public async Task GetAuditTrailAsync_PagedAfterSequence_ReturnsEachEntryOnce()
    {
        await RegisterVersionsAsync(5);
        var all = await Registry.GetAuditTrailAsync();

        var seen = new List<RegistryAuditEntry>();
        long after = 0;
        while (await Registry.GetAuditTrailAsync(afterSequence: after, maxEntries: 2) is { Count: > 0 } page)
        {
            Assert.True(page.Count <= 2);
            seen.AddRange(page);
            after = page[^1].Sequence;
        }

        Assert.Equal(all, seen);
    }

    [Theory]
    [InlineData(-1, 10, "afterSequence")]
    [InlineData(0, 0, "maxEntries")]
    [InlineData(0, 10_001, "maxEntries")]
    public async Task GetAuditTrailAsync_OutOfRange_ThrowsNamingTheArgument(long after, int max, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidRegistryRequestException>(() => Registry.GetAuditTrailAsync(afterSequence: after, maxEntries: max));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public async Task GetAuditTrailAsync_FailedChanges_LeaveNoEntry()
    {
        await RegisterVersionsAsync(1);
        var before = await Registry.GetAuditTrailAsync();

        await Assert.ThrowsAsync<ModelVersionNotFoundException>(() => SetAsync(ModelAliases.Production, 7));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.PromoteCanaryAsync(Churn, "bob"));
        await Assert.ThrowsAsync<ModelRegistryConflictException>(() => Registry.RollbackAsync(Churn, "bob"));

        Assert.Equal(before, await Registry.GetAuditTrailAsync());
    }
}
