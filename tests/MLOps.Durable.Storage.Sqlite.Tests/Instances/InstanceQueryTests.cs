using MLOps.Durable.Storage.Sqlite.Tests.Testing;

namespace MLOps.Durable.Storage.Sqlite.Tests.Instances;

public sealed class InstanceQueryTests
{
    [Fact]
    public async Task QueryInstancesAsync_PageSize_PagesInIdOrderWithContinuationTokens()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        foreach (var id in new[] { "d", "b", "e", "a", "c" })
        {
            await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start(id, hub.Now)));
        }

        var pages = new List<InstancePage>();
        string? token = null;
        do
        {
            var page = await hub.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 2, ContinuationToken = token });
            pages.Add(page);
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal([["a", "b"], ["c", "d"], ["e"]], pages.Select(p => p.Instances.Select(i => i.InstanceId).ToArray()));
        Assert.Equal(InstanceQueryToken.Encode("b"), pages[0].ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_ExactlyFullLastPage_ReturnsNoToken()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("a", hub.Now)));
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("b", hub.Now)));

        var page = await hub.Store.QueryInstancesAsync(new InstanceQuery { PageSize = 2 });

        Assert.Equal(2, page.Instances.Count);
        Assert.Null(page.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_Prefix_MatchesCaseSensitivelyAndTakesWildcardsLiterally()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        foreach (var id in new[] { "run-1", "run-2", "Run-3", "runner", "run*x", "run?y", "run[z]", "rux", "ru" })
        {
            await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start(id, hub.Now)));
        }

        Assert.Equal(["run-1", "run-2"], await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "run-" }));
        Assert.Equal(["run*x"], await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "run*" }));
        Assert.Equal(["run?y"], await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "run?" }));
        Assert.Equal(["run[z]"], await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "run[" }));
        Assert.Equal(["Run-3"], await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "R" }));
        Assert.Equal(9, (await IdsAsync(hub, new InstanceQuery { InstanceIdPrefix = "" })).Count);
    }

    [Fact]
    public async Task QueryInstancesAsync_StatusFilter_ReturnsOnlyThoseStatuses()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.FinishAsync("completed", OrchestrationRuntimeStatus.Completed, hub.Now);
        await hub.Store.FinishAsync("failed", OrchestrationRuntimeStatus.Failed, hub.Now);
        await hub.Store.StartRunningAsync("running", hub.Now);
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("pending", hub.Now)));

        var statuses = new[] { OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Failed };

        Assert.Equal(["failed", "running"], await IdsAsync(hub, new InstanceQuery { Statuses = statuses }));
        Assert.Equal(4, (await IdsAsync(hub, new InstanceQuery { Statuses = [] })).Count);
    }

    [Fact]
    public async Task QueryInstancesAsync_CreatedRange_IncludesBothEnds()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        for (var hour = 0; hour < 4; hour++)
        {
            await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start($"h{hour}", hub.Now)));
            hub.Time.Advance(TimeSpan.FromHours(1));
        }

        var from = TemporaryStore.Start.AddHours(1);
        var to = TemporaryStore.Start.AddHours(2);

        Assert.Equal(["h1", "h2"], await IdsAsync(hub, new InstanceQuery { CreatedFrom = from, CreatedTo = to }));
        Assert.Equal(["h1", "h2"], await IdsAsync(hub, new InstanceQuery { CreatedFrom = from.ToOffset(TimeSpan.FromHours(-5)), CreatedTo = to }));
        Assert.Equal(["h0"], await IdsAsync(hub, new InstanceQuery { CreatedTo = from.AddTicks(-1) }));
    }

    [Fact]
    public async Task QueryInstancesAsync_FiltersAndToken_CombineAcrossPages()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        foreach (var id in new[] { "job-1", "job-2", "job-3", "other" })
        {
            await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start(id, hub.Now)));
        }

        var first = await hub.Store.QueryInstancesAsync(new InstanceQuery { InstanceIdPrefix = "job-", PageSize = 2 });
        var second = await hub.Store.QueryInstancesAsync(
            new InstanceQuery { InstanceIdPrefix = "job-", PageSize = 2, ContinuationToken = first.ContinuationToken });

        Assert.Equal(["job-3"], second.Instances.Select(i => i.InstanceId));
        Assert.Null(second.ContinuationToken);
    }

    [Fact]
    public async Task QueryInstancesAsync_FetchInputsAndOutputs_ControlsPayloads()
    {
        await using var hub = await TemporaryStore.CreateAsync();
        await hub.Store.CreateInstanceAsync(new InstanceCreation(Scenario.Start("p", hub.Now, input: "\"payload\"")));

        var slim = (await hub.Store.QueryInstancesAsync(new InstanceQuery())).Instances.Single();
        var full = (await hub.Store.QueryInstancesAsync(new InstanceQuery { FetchInputsAndOutputs = true })).Instances.Single();

        Assert.Null(slim.SerializedInput);
        Assert.Equal("\"payload\"", full.SerializedInput);
        Assert.Equal(await hub.Store.GetInstanceAsync("p", includePayloads: true), full);
    }

    [Fact]
    public async Task QueryInstancesAsync_MalformedToken_ThrowsArgumentException()
    {
        await using var hub = await TemporaryStore.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => hub.Store.QueryInstancesAsync(new InstanceQuery { ContinuationToken = "!!not a token" }));
    }

    private static async Task<List<string>> IdsAsync(TemporaryStore hub, InstanceQuery query) =>
        [.. (await hub.Store.QueryInstancesAsync(query)).Instances.Select(i => i.InstanceId)];
}
